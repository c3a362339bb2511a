namespace VoipBin.Realtime.Backplane;

/// <summary>
/// What publishing needs to know about the backplane: whether it can take an event now, and when a send counts
/// as handed off.
/// </summary>
internal interface IBackplaneGate
{
    /// <summary>
    /// Throws <see cref="Publishing.BackplaneUnavailableException"/> when events cannot be shared now.
    /// </summary>
    void EnsureAvailable();

    /// <summary>Completes once the group sends of a publish are handed to the backplane.</summary>
    Task HandOffAsync(Task[] sends);
}
