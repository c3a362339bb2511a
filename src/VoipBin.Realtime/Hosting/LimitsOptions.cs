using System.ComponentModel.DataAnnotations;

namespace VoipBin.Realtime.Hosting;

/// <summary>
/// Per-connection limits, bound from the <c>Limits</c> section. They apply alike to raw WebSocket and SignalR
/// clients.
/// </summary>
public sealed class LimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Limits";

    /// <summary>Topics one connection may hold at once. Default 1000.</summary>
    [Range(1, 1_000_000)]
    public int TopicsPerConnection { get; set; } = 1000;

    /// <summary>Topics one subscribe or unsubscribe message may carry. Default 100.</summary>
    [Range(1, 100_000)]
    public int TopicsPerMessage { get; set; } = 100;

    /// <summary>Longest topic, in characters after short-form expansion. Default 256.</summary>
    [Range(16, 4096)]
    public int TopicMaxLength { get; set; } = 256;

    /// <summary>Most segments in a topic, counted after short-form expansion. Default 8.</summary>
    [Range(2, 64)]
    public int TopicMaxSegments { get; set; } = 8;

    /// <summary>Largest inbound frame or hub message, in bytes. Default 64 KiB.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int InboundFrameBytes { get; set; } = 64 * 1024;

    /// <summary>Token bucket refill rate for subscribe and unsubscribe messages. Default 20 per second.</summary>
    [Range(0.001, 1_000_000)]
    public double SubscribeRatePerSecond { get; set; } = 20;

    /// <summary>Token bucket size; the bucket starts full. Default 50.</summary>
    [Range(1, 1_000_000)]
    public int SubscribeBurst { get; set; } = 50;

    /// <summary>
    /// Outbound bytes that may wait for one slow connection before that connection alone is closed.
    /// Default 1 MiB.
    /// </summary>
    [Range(4096, int.MaxValue)]
    public int OutboundQueueBytes { get; set; } = 1024 * 1024;

    /// <summary>How long one frame's send to a client may take before that connection is closed. Default 5 s.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often open connections are checked for an expired token or a send past <see cref="SendTimeout"/>.
    /// Default 1 s.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Browser origins allowed to connect and publish. A request with an <c>Origin</c> header not on this list
    /// is refused; requests without one (servers, native clients) are not affected.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
