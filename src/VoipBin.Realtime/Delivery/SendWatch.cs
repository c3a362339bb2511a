namespace VoipBin.Realtime.Delivery;

/// <summary>
/// Notes when a frame's send to a client started, so the connection watchdog can close a connection whose send
/// has hung past <c>Limits:SendTimeout</c>. Two volatile writes a send; no timer per frame.
/// </summary>
internal sealed class SendWatch
{
    private readonly TimeProvider _time;
    private long _startedAt;

    public SendWatch(TimeProvider time)
    {
        _time = time;
    }

    public bool IsSending => Volatile.Read(ref _startedAt) != 0;

    public void Begin() => Volatile.Write(ref _startedAt, _time.GetTimestamp());

    public void End() => Volatile.Write(ref _startedAt, 0);

    /// <summary>True when the send in progress started more than <paramref name="timeout"/> ago.</summary>
    public bool IsOverdue(TimeSpan timeout)
    {
        var startedAt = Volatile.Read(ref _startedAt);
        return startedAt != 0 && _time.GetElapsedTime(startedAt) > timeout;
    }
}
