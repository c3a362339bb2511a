namespace VoipBin.Realtime.Hosting;

/// <summary>Keepalive of the raw WebSocket endpoint <c>/v1.0/ws</c>, bound from <c>RawSocket</c>.</summary>
public sealed class RawSocketOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RawSocket";

    /// <summary>How often the server pings a raw client. Default 15 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a raw client may leave a ping unanswered before it is dropped. Default 45 s.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(45);
}
