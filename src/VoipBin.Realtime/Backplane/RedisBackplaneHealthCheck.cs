using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace VoipBin.Realtime.Backplane;

/// <summary>
/// Readiness with Redis: ready while both links to Redis are up and Redis answers PING, so a load balancer
/// sends no client to an instance that could neither publish nor receive other instances' events.
/// </summary>
internal sealed class RedisBackplaneHealthCheck : IHealthCheck
{
    /// <summary>The tag of checks that decide readiness only, never liveness.</summary>
    public const string ReadinessTag = "ready";

    private readonly RedisBackplaneConnection _connection;

    public RedisBackplaneHealthCheck(RedisBackplaneConnection connection)
    {
        _connection = connection;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        if (_connection.Multiplexer is not { } multiplexer)
        {
            return HealthCheckResult.Unhealthy("Redis: the first connection attempt has not finished yet.");
        }

        if (!_connection.IsConnected)
        {
            return HealthCheckResult.Unhealthy(
                "Redis is unreachable; publishing answers 503 until it is back.");
        }

        try
        {
            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered PING in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis did not answer PING.", ex);
        }
    }
}
