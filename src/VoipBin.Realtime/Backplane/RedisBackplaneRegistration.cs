using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.Backplane;

/// <summary>
/// Turns SignalR's Redis backplane on, with the gate, the readiness check and the start-up connect.
/// </summary>
internal static class RedisBackplaneRegistration
{
    private const int FirstReconnectPauseMilliseconds = 500;
    private const string ChannelPrefixSeparator = ":";
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Call before the in-memory gate is registered: the first <see cref="IBackplaneGate"/> wins.
    /// </summary>
    public static void AddRedisBackplane(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisBackplaneOptions>()
            .Bind(configuration.GetSection(RedisBackplaneOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisBackplaneOptions>, RedisBackplaneOptionsValidator>();

        services.AddSignalR().AddStackExchangeRedis();
        services.AddSingleton<HubLifetimeManager<EventHub>, RedisEventHubLifetimeManager>();
        services.AddOptions<RedisOptions>()
            .Configure<IOptions<RedisBackplaneOptions>, RedisBackplaneConnection>(
                (redis, options, connection) => Configure(redis, options.Value, connection));

        services.AddSingleton<RedisBackplaneConnection>();
        services.AddSingleton<IBackplaneGate, RedisBackplaneGate>();
        services.AddHostedService<RedisBackplaneStarter>();
        services.AddHealthChecks().AddCheck<RedisBackplaneHealthCheck>(
            "redis", tags: [RedisBackplaneHealthCheck.ReadinessTag], timeout: PingTimeout);
    }

    private static void Configure(
        RedisOptions redis,
        RedisBackplaneOptions options,
        RedisBackplaneConnection connection)
    {
        var configuration = ConfigurationOptions.Parse(options.ConnectionString);

        // Whatever the connection string says: an instance starts without Redis and keeps retrying, so a
        // Redis outage costs 503s for its length and never an instance that has to be restarted.
        configuration.AbortOnConnectFail = false;

        // While Redis is away a command fails at once instead of waiting in a queue, so a publish is
        // answered 503 promptly and its events are never sent behind the publisher's back once Redis
        // returns.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;

        configuration.ReconnectRetryPolicy = new ExponentialRetry(
            FirstReconnectPauseMilliseconds, (int)options.ReconnectMaxInterval.TotalMilliseconds);
        configuration.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix + ChannelPrefixSeparator);

        redis.Configuration = configuration;
        redis.ConnectionFactory = log => connection.ConnectAsync(configuration, log);
    }
}
