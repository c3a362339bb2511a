namespace VoipBin.Realtime.Backplane;

/// <summary>
/// The Redis backplane, bound from the <c>Redis</c> section. With an empty <see cref="ConnectionString"/>
/// the instance runs alone, in memory; with one, instances that share a Redis and a <see
/// cref="ChannelPrefix"/> share every event and every subscription.
/// </summary>
public sealed class RedisBackplaneOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Redis";

    /// <summary>
    /// A StackExchange.Redis connection string, such as <c>127.0.0.1:6379</c> or
    /// <c>redis.internal:6379,password=...,ssl=true</c>. Default empty: no backplane. Whatever the string
    /// says, the instance starts without Redis reachable and reconnects by itself (<c>abortConnect</c> is
    /// always off).
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Prepended, with a <c>:</c>, to every Redis channel name, so several deployments can share one Redis
    /// without seeing each other's events. Default <c>voipbin-realtime</c>. Instances that must share
    /// events need the same one.
    /// </summary>
    public string ChannelPrefix { get; set; } = "voipbin-realtime";

    /// <summary>
    /// How long a publish may wait for Redis to take its events before it is answered 503. Default 5 s.
    /// </summary>
    public TimeSpan HandOffTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest pause between two attempts to reconnect to Redis after losing it; the pauses start at
    /// half a second and grow up to this. Default 5 s.
    /// </summary>
    public TimeSpan ReconnectMaxInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>True when a connection string is set, so the backplane is on.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetSection(Section)[nameof(ConnectionString)]);
}
