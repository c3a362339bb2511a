namespace VoipBin.Realtime.Publishing;

/// <summary>
/// Publishes events to every matching subscriber, raw and SignalR, on this instance and, with Redis configured,
/// on every instance. The same operation as <c>POST /v1.0/events</c>, for code that hosts the hub.
/// </summary>
/// <remarks>
/// <para>A batch is validated whole before anything is sent: one invalid event and none is published.</para>
/// <para>Each connection receives an event at most once, however many of its subscriptions match, and events of
/// one topic published through one instance reach a connection in publish order.</para>
/// <para>Publishing never waits for subscribers' sockets: a slow client is closed on its own (see
/// <c>Limits:OutboundQueueBytes</c>) and never slows the publisher or other subscribers.</para>
/// </remarks>
public interface IEventPublisher
{
    /// <summary>Validates and publishes a batch, returning how many events were accepted.</summary>
    /// <exception cref="EventValidationException">An event is invalid; nothing was published.</exception>
    /// <exception cref="BackplaneUnavailableException">Redis is configured and unreachable.</exception>
    Task<int> PublishAsync(IReadOnlyList<PlatformEvent> events, CancellationToken cancellationToken = default);
}
