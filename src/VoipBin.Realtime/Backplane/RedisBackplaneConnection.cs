using StackExchange.Redis;
using VoipBin.Realtime.Operations;

namespace VoipBin.Realtime.Backplane;

/// <summary>
/// The Redis link of SignalR's backplane, seen from outside it. SignalR's lifetime manager creates and owns
/// the multiplexer; it does so through <see cref="ConnectAsync"/>, its connection factory, which is how
/// this class knows whether events can be shared right now. The multiplexer reconnects by itself and then
/// subscribes again to every channel it had, so group memberships survive a Redis restart without any help
/// from here.
/// </summary>
internal sealed partial class RedisBackplaneConnection
{
    private readonly TaskCompletionSource _firstAttempt =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger<RedisBackplaneConnection> _logger;
    private volatile IConnectionMultiplexer? _multiplexer;
    private int _interactiveDown;
    private int _subscriptionDown;

    public RedisBackplaneConnection(RealtimeMetrics metrics, ILogger<RedisBackplaneConnection> logger)
    {
        _logger = logger;
        metrics.ObserveBackplane(() => IsConnected);
    }

    /// <summary>
    /// Completes when the first attempt to reach Redis has ended, whether or not Redis answered.
    /// </summary>
    public Task FirstAttempt => _firstAttempt.Task;

    /// <summary>The multiplexer once the first attempt has ended; null before.</summary>
    public IConnectionMultiplexer? Multiplexer => _multiplexer;

    /// <summary>True while both links are up: the one that publishes and the one that receives.</summary>
    public bool IsConnected =>
        _multiplexer is { IsConnected: true } multiplexer && multiplexer.GetSubscriber().IsConnected();

    /// <summary>
    /// True when an attempt has ended and nothing can be published now. Before the first attempt ends
    /// nobody knows yet; a publish then goes ahead and the hand-off timeout bounds it.
    /// </summary>
    public bool CannotPublish => _multiplexer is { IsConnected: false };

    /// <summary>The connection factory given to SignalR's <c>RedisOptions</c>.</summary>
    public async Task<IConnectionMultiplexer> ConnectAsync(
        ConfigurationOptions configuration,
        TextWriter log)
    {
        try
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration, log);
            multiplexer.ConnectionFailed += OnConnectionFailed;
            multiplexer.ConnectionRestored += OnConnectionRestored;
            _multiplexer = multiplexer;
            LogFirstAttempt(multiplexer);
            return multiplexer;
        }
        finally
        {
            _firstAttempt.TrySetResult();
        }
    }

    private void LogFirstAttempt(IConnectionMultiplexer multiplexer)
    {
        if (multiplexer.IsConnected)
        {
            Log.Connected(_logger);
            return;
        }

        Volatile.Write(ref _interactiveDown, 1);
        Volatile.Write(ref _subscriptionDown, 1);
        Log.NotConnected(_logger);
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs args)
    {
        // Reconnect attempts fail too while Redis is away; only the first failure of a link is worth a
        // warning.
        if (Interlocked.Exchange(ref DownFlag(args.ConnectionType), 1) == 0)
        {
            Log.LinkLost(_logger, args.ConnectionType, args.FailureType, args.Exception);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs args)
    {
        if (Interlocked.Exchange(ref DownFlag(args.ConnectionType), 0) == 1)
        {
            Log.LinkRestored(_logger, args.ConnectionType);
        }
    }

    private ref int DownFlag(ConnectionType type) =>
        ref type == ConnectionType.Subscription ? ref _subscriptionDown : ref _interactiveDown;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information,
            "Connected to Redis; events are shared with the other instances.",
            EventName = "Connected")]
        public static partial void Connected(ILogger logger);

        [LoggerMessage(2, LogLevel.Warning,
            "Redis is not reachable; publishing answers 503 until it is, and connecting goes on in the "
            + "background.",
            EventName = "NotConnected")]
        public static partial void NotConnected(ILogger logger);

        [LoggerMessage(3, LogLevel.Warning,
            "The {ConnectionType} link to Redis failed ({FailureType}); until it is back, publishes are "
            + "answered 503 or events from other instances are missed.",
            EventName = "LinkLost")]
        public static partial void LinkLost(
            ILogger logger,
            ConnectionType connectionType,
            ConnectionFailureType failureType,
            Exception? exception);

        [LoggerMessage(4, LogLevel.Information, "The {ConnectionType} link to Redis is back.",
            EventName = "LinkRestored")]
        public static partial void LinkRestored(ILogger logger, ConnectionType connectionType);
    }
}
