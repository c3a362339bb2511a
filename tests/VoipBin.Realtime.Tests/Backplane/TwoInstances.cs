using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Backplane;

/// <summary>
/// Two hub instances on their own ports sharing one real Redis, as behind a load balancer.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private TwoInstances(RedisServer redis, RealtimeHost a, RealtimeHost b)
    {
        Redis = redis;
        A = a;
        B = b;
    }

    public RedisServer Redis { get; }

    public RealtimeHost A { get; }

    public RealtimeHost B { get; }

    /// <summary>Starts both instances on <paramref name="redis"/>, which need not be running yet.</summary>
    public static async Task<TwoInstances> StartAsync(RedisServer redis)
    {
        var a = await StartInstanceAsync(redis);
        var b = await StartInstanceAsync(redis);
        return new TwoInstances(redis, a, b);
    }

    /// <summary>Starts one instance with the backplane on <paramref name="redis"/>.</summary>
    public static Task<RealtimeHost> StartInstanceAsync(
        RedisServer redis,
        string channelPrefix = "voipbin-test") =>
        RealtimeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = redis.ConnectionString,
            ["Redis:ChannelPrefix"] = channelPrefix,
        });

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
