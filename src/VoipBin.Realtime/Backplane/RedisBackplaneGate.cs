using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoipBin.Realtime.Operations;
using VoipBin.Realtime.Publishing;

namespace VoipBin.Realtime.Backplane;

/// <summary>
/// Publishing over Redis: a publish is refused at once while Redis is known to be away, and otherwise
/// counts as done when Redis has taken every one of its PUBLISH commands, within
/// <c>Redis:HandOffTimeout</c>. Delivery to the members of a group, here or elsewhere, happens when Redis
/// hands the message back to each subscribed instance, so a slow subscriber never holds a publisher up.
/// </summary>
internal sealed partial class RedisBackplaneGate : IBackplaneGate
{
    private readonly RedisBackplaneConnection _connection;
    private readonly TimeSpan _handOffTimeout;
    private readonly RealtimeMetrics _metrics;
    private readonly ILogger<RedisBackplaneGate> _logger;

    public RedisBackplaneGate(
        RedisBackplaneConnection connection,
        IOptions<RedisBackplaneOptions> options,
        RealtimeMetrics metrics,
        ILogger<RedisBackplaneGate> logger)
    {
        _connection = connection;
        _handOffTimeout = options.Value.HandOffTimeout;
        _metrics = metrics;
        _logger = logger;
    }

    public void EnsureAvailable()
    {
        if (!_connection.CannotPublish)
        {
            return;
        }

        _metrics.PublishRefused();
        Log.RefusedWhileDown(_logger);
        throw new BackplaneUnavailableException(
            "Redis, the backplane, is unreachable; nothing was published. "
            + "Retry once the instance is ready again.");
    }

    public async Task HandOffAsync(Task[] sends)
    {
        var handOff = Task.WhenAll(sends);
        try
        {
            await handOff.WaitAsync(_handOffTimeout);
        }
        catch (TimeoutException ex) when (ex is not RedisTimeoutException)
        {
            _ = ObserveLateAsync(handOff);
            throw Refuse(ex,
                $"Redis, the backplane, did not take the events within {_handOffTimeout} "
                + "(Redis:HandOffTimeout); some may still be delivered.");
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            throw Refuse(ex,
                "Redis, the backplane, failed while taking the events; some may have been delivered.");
        }
    }

    private BackplaneUnavailableException Refuse(Exception cause, string message)
    {
        _metrics.PublishRefused();
        Log.HandOffFailed(_logger, cause);
        return new BackplaneUnavailableException(message, cause);
    }

    private async Task ObserveLateAsync(Task handOff)
    {
        try
        {
            await handOff.ConfigureAwait(false);
            Log.LateHandOff(_logger);
        }
        catch (Exception ex)
        {
            Log.LateHandOffFailed(_logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Refused a publish: Redis is unreachable.",
            EventName = "RefusedWhileDown")]
        public static partial void RefusedWhileDown(ILogger logger);

        [LoggerMessage(2, LogLevel.Warning, "Refused a publish: Redis did not take its events.",
            EventName = "HandOffFailed")]
        public static partial void HandOffFailed(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Warning,
            "Redis took the events of a publish after it had been answered 503; its subscribers got them.",
            EventName = "LateHandOff")]
        public static partial void LateHandOff(ILogger logger);

        [LoggerMessage(4, LogLevel.Debug, "The events of a publish answered 503 were never taken by Redis.",
            EventName = "LateHandOffFailed")]
        public static partial void LateHandOffFailed(ILogger logger, Exception exception);
    }
}
