using VoipBin.Realtime.Auth;

namespace VoipBin.Realtime.Hub;

/// <summary>What the hub keeps for one connected client, raw or SignalR.</summary>
internal sealed class RealtimeConnection
{
    private readonly Action<CloseReason> _close;
    private int _closed;

    public RealtimeConnection(
        string connectionId,
        ConnectionKind kind,
        string protocol,
        CallerIdentity identity,
        DateTimeOffset? expiresAt,
        TokenBucket rateLimit,
        Action<CloseReason> close)
    {
        ConnectionId = connectionId;
        Kind = kind;
        Protocol = protocol;
        Identity = identity;
        ExpiresAt = expiresAt;
        RateLimit = rateLimit;
        _close = close;
    }

    public string ConnectionId { get; }

    public ConnectionKind Kind { get; }

    /// <summary>The metrics label: <c>raw</c>, <c>json</c> or <c>messagepack</c>.</summary>
    public string Protocol { get; }

    public CallerIdentity Identity { get; }

    public DateTimeOffset? ExpiresAt { get; }

    public TokenBucket RateLimit { get; }

    /// <summary>
    /// The connection's subscriptions. The hub dispatches one invocation at a time per connection
    /// (<c>MaximumParallelInvocationsPerClient</c> is 1), so the set is never changed concurrently.
    /// </summary>
    public SubscriptionSet Subscriptions { get; } = new();

    /// <summary>The connection's outbound writer, where deliveries are counted; null before it is wired.</summary>
    public Delivery.OutboundWriter? Outbound { get; init; }

    /// <summary>Where the connection's WebSocket sends are timed; null for SSE and long polling.</summary>
    public Delivery.SendWatch? SendWatch { get; init; }

    /// <summary>Closes the connection from the server side; only the first reason given counts.</summary>
    public void Close(CloseReason reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _close(reason);
        }
    }
}

/// <summary>Why the server closed a connection.</summary>
internal enum CloseReason
{
    TokenExpired,
    SlowConsumer,
    SendTimeout,
    ShuttingDown,
    BackplaneFailure,
}
