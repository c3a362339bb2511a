using Microsoft.AspNetCore.SignalR;
using VoipBin.Realtime.Backplane;
using VoipBin.Realtime.Hub;
using VoipBin.Realtime.Operations;

namespace VoipBin.Realtime.Publishing;

/// <summary>
/// Sends each event to the group of every prefix of its topic, so the cost of a publish is the depth of its topic
/// and never the number of subscriptions. The payload is serialised once, before any group is reached.
/// </summary>
internal sealed partial class EventPublisher : IEventPublisher
{
    private readonly HubLifetimeManager<EventHub> _lifetimeManager;
    private readonly EventValidator _validator;
    private readonly IBackplaneGate _backplane;
    private readonly RealtimeMetrics _metrics;
    private readonly ILogger<EventPublisher> _logger;

    public EventPublisher(
        HubLifetimeManager<EventHub> lifetimeManager,
        EventValidator validator,
        IBackplaneGate backplane,
        RealtimeMetrics metrics,
        ILogger<EventPublisher> logger)
    {
        _lifetimeManager = lifetimeManager;
        _validator = validator;
        _backplane = backplane;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<int> PublishAsync(
        IReadOnlyList<PlatformEvent> events,
        CancellationToken cancellationToken = default)
    {
        var prepared = _validator.PrepareAll(events);
        _backplane.EnsureAvailable();

        // Sends start in publish order, which is the order every connection's writes are queued in. None is
        // cancelled with the caller's token: an accepted batch is published whole.
        var sends = new Task[prepared.Length];
        for (var i = 0; i < prepared.Length; i++)
        {
            var item = prepared[i];
            sends[i] = _lifetimeManager.SendGroupsAsync(
                item.Groups, EventHub.EventMethod, [item.Topic.Value, item.Payload], CancellationToken.None);
        }

        await _backplane.HandOffAsync(sends);

        _metrics.EventsPublished(prepared.Length);
        Log.Published(_logger, prepared.Length);
        return prepared.Length;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Published {Count} event(s).", EventName = "Published")]
        public static partial void Published(ILogger logger, int count);
    }
}
