using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Auth;
using VoipBin.Realtime.Delivery;
using VoipBin.Realtime.Hosting;
using VoipBin.Realtime.Operations;
using VoipBin.Realtime.RawSocket;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.Hub;

/// <summary>
/// The one hub every client talks to, SignalR clients on <c>/v1.0/hub</c> and raw WebSocket clients on
/// <c>/v1.0/ws</c> alike. Each subscribed topic is a SignalR group; events arrive on the client method
/// <c>event(topic, {type, data})</c>, at most once per connection and in publish order per topic.
/// </summary>
internal sealed partial class EventHub : Microsoft.AspNetCore.SignalR.Hub
{
    /// <summary>The client method events arrive on.</summary>
    public const string EventMethod = "event";

    private readonly SubscriptionService _subscriptions;
    private readonly ConnectionRegistry _registry;
    private readonly RealtimeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly LimitsOptions _limits;
    private readonly ILogger<EventHub> _logger;

    public EventHub(
        SubscriptionService subscriptions,
        ConnectionRegistry registry,
        RealtimeMetrics metrics,
        TimeProvider time,
        IOptions<LimitsOptions> limits,
        ILogger<EventHub> logger)
    {
        _subscriptions = subscriptions;
        _registry = registry;
        _metrics = metrics;
        _time = time;
        _limits = limits.Value;
        _logger = logger;
    }

    /// <summary>Subscribes to topics (full or short form) and returns all of the connection's subscriptions.</summary>
    public async Task<string[]> Subscribe(string[] topics)
    {
        var connection = Current();
        await _subscriptions.SubscribeAsync(connection, topics);
        return connection.Subscriptions.ToSortedArray();
    }

    /// <summary>Unsubscribes from topics and returns the connection's remaining subscriptions.</summary>
    public async Task<string[]> Unsubscribe(string[] topics)
    {
        var connection = Current();
        await _subscriptions.UnsubscribeAsync(connection, topics);
        return connection.Subscriptions.ToSortedArray();
    }

    /// <summary>
    /// How the raw socket protocol reports a frame it could not turn into a request, so the error reply travels
    /// the same ordered path as every other reply. Not part of the SignalR API.
    /// </summary>
    public Task Reject(string code, string detail)
    {
        if (Current().Kind != ConnectionKind.Raw)
        {
            throw new HubException("Method 'Reject' is only for raw socket connections.");
        }

        throw _subscriptions.Refuse(code, detail);
    }

    public override Task OnConnectedAsync()
    {
        var outbound = Context.Features.Get<OutboundFeature>();
        var rawSession = Context.Features.Get<RawSocketSession>();
        var connection = new RealtimeConnection(
            Context.ConnectionId,
            rawSession is null ? ConnectionKind.SignalR : ConnectionKind.Raw,
            rawSession is null ? ProtocolLabel.Of(Context) : ProtocolLabel.Raw,
            CallerIdentity.FromPrincipal(Context.User),
            CallerIdentity.ReadExpiry(Context.User),
            new TokenBucket(_time, _limits.SubscribeRatePerSecond, _limits.SubscribeBurst),
            CloseAction(Context, rawSession))
        {
            Outbound = outbound?.Writer,
            SendWatch = rawSession?.SendWatch ?? Context.GetHttpContext()?.Features.Get<SendWatch>(),
        };

        if (outbound is not null)
        {
            outbound.OverflowHandler = connection.Close;
        }

        Context.Items[typeof(RealtimeConnection)] = connection;
        _registry.Add(connection);
        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var connection = Current();
        _registry.Remove(connection.ConnectionId);
        _metrics.ConnectionFinished(connection.Outbound?.EventsWritten ?? 0);
        await _subscriptions.ForgetAsync(connection);
    }

    private RealtimeConnection Current() =>
        Context.Items[typeof(RealtimeConnection)] as RealtimeConnection
        ?? throw new InvalidOperationException("The connection was not registered by OnConnectedAsync.");

    private Action<CloseReason> CloseAction(HubCallerContext context, RawSocketSession? rawSession)
    {
        var metrics = _metrics;
        var logger = _logger;
        var connectionId = context.ConnectionId;
        return reason =>
        {
            metrics.ClosedByServer(reason);
            Log.ClosingConnection(logger, connectionId, reason);

            // A raw client learns the reason from the close frame; the hub connection then ends either way.
            rawSession?.RequestClose(reason);
            context.Abort();
        };
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Closing connection {ConnectionId}: {Reason}.",
            EventName = "ClosingConnection")]
        public static partial void ClosingConnection(ILogger logger, string connectionId, CloseReason reason);
    }
}
