namespace VoipBin.Realtime.Backplane;

/// <summary>
/// A single instance with no Redis: a send is handed off as soon as every member's write has been queued, which
/// happens before <c>SendGroupsAsync</c> returns. The returned tasks track the members' sockets, so they are only
/// observed, never awaited: the publisher must not wait for a slow subscriber.
/// </summary>
internal sealed partial class InMemoryBackplaneGate : IBackplaneGate
{
    private readonly ILogger<InMemoryBackplaneGate> _logger;

    public InMemoryBackplaneGate(ILogger<InMemoryBackplaneGate> logger)
    {
        _logger = logger;
    }

    public void EnsureAvailable()
    {
    }

    public Task HandOffAsync(Task[] sends)
    {
        foreach (var send in sends)
        {
            if (!send.IsCompletedSuccessfully)
            {
                _ = ObserveAsync(send);
            }
        }

        return Task.CompletedTask;
    }

    private async Task ObserveAsync(Task send)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.SendFailed(_logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Delivering an event to a local connection failed.",
            EventName = "SendFailed")]
        public static partial void SendFailed(ILogger logger, Exception exception);
    }
}
