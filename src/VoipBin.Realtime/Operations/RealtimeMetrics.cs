using Prometheus;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.Operations;

/// <summary>
/// The instance's Prometheus metrics, in a registry of its own so that several hosts in one process (as in
/// tests) never mix their figures. Gauges are read from the connection registry at scrape time, so the hot
/// path pays only for the counters it bumps.
/// </summary>
internal sealed class RealtimeMetrics
{
    private readonly Counter _eventsPublished;
    private readonly Counter _eventsDelivered;
    private readonly Counter _refusals;
    private readonly Counter _closedByServer;
    private readonly Gauge _connections;
    private readonly Gauge _subscriptions;
    private readonly Gauge _backplaneConnected;
    private readonly Counter _publishesRefused;
    private long _deliveredOnClosedConnections;

    public RealtimeMetrics(ConnectionRegistry connections)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);

        _eventsPublished = factory.CreateCounter(
            "voipbin_realtime_events_published_total", "Events accepted for publishing on this instance.");
        _eventsDelivered = factory.CreateCounter(
            "voipbin_realtime_events_delivered_total", "Events written to client connections of this instance.");
        _refusals = factory.CreateCounter(
            "voipbin_realtime_refusals_total", "Client requests refused, by error code.", "code");
        _closedByServer = factory.CreateCounter(
            "voipbin_realtime_connections_closed_total", "Connections the server closed, by reason.", "reason");
        _connections = factory.CreateGauge(
            "voipbin_realtime_connections", "Open connections, by protocol.", "protocol");
        _subscriptions = factory.CreateGauge(
            "voipbin_realtime_subscriptions", "Topics subscribed across all open connections.");
        _backplaneConnected = factory.CreateGauge(
            "voipbin_realtime_backplane_connected",
            "1 while both links to Redis (publish and receive) are up, else 0; absent without Redis.",
            new GaugeConfiguration { SuppressInitialValue = true });
        _publishesRefused = factory.CreateCounter(
            "voipbin_realtime_backplane_publishes_refused_total",
            "Publish requests answered 503 because Redis, the backplane, could not take their events.");

        foreach (var protocol in new[] { "raw", "json", "messagepack" })
        {
            _connections.WithLabels(protocol).Set(0);
        }

        Registry.AddBeforeCollectCallback(() => Refresh(connections));
    }

    public CollectorRegistry Registry { get; }

    public void EventsPublished(int count) => _eventsPublished.Inc(count);

    public void Refused(string code) => _refusals.WithLabels(code).Inc();

    /// <summary>
    /// Reads the backplane's state at every scrape. Only the Redis backplane calls this, so an instance without
    /// Redis exports no such series.
    /// </summary>
    public void ObserveBackplane(Func<bool> isConnected) =>
        Registry.AddBeforeCollectCallback(() => _backplaneConnected.Set(isConnected() ? 1 : 0));

    public void PublishRefused() => _publishesRefused.Inc();

    public void ClosedByServer(CloseReason reason) => _closedByServer.WithLabels(ReasonLabel(reason)).Inc();

    /// <summary>Adds the deliveries of a connection that has just closed to the running total.</summary>
    public void ConnectionFinished(long eventsDelivered) =>
        Interlocked.Add(ref _deliveredOnClosedConnections, eventsDelivered);

    internal static string ReasonLabel(CloseReason reason) => reason switch
    {
        CloseReason.TokenExpired => "token_expired",
        CloseReason.SlowConsumer => "slow_consumer",
        CloseReason.SendTimeout => "send_timeout",
        CloseReason.ShuttingDown => "shutting_down",
        CloseReason.BackplaneFailure => "backplane_failure",
        _ => "other",
    };

    private void Refresh(ConnectionRegistry connections)
    {
        var byProtocol = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["raw"] = 0,
            ["json"] = 0,
            ["messagepack"] = 0,
        };
        long subscriptions = 0;
        long delivered = Interlocked.Read(ref _deliveredOnClosedConnections);

        foreach (var connection in connections.All)
        {
            byProtocol[connection.Protocol] = byProtocol.GetValueOrDefault(connection.Protocol) + 1;
            subscriptions += connection.Subscriptions.Count;
            delivered += connection.Outbound?.EventsWritten ?? 0;
        }

        foreach (var (protocol, count) in byProtocol)
        {
            _connections.WithLabels(protocol).Set(count);
        }

        _subscriptions.Set(subscriptions);
        _eventsDelivered.IncTo(delivered);
    }
}
