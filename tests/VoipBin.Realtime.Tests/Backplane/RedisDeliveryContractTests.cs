using VoipBin.Realtime.Tests.Hub;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Backplane;

/// <summary>The delivery contract over Redis: published on instance A, received by clients on instance B.</summary>
public sealed class RedisDeliveryContractTests : DeliveryContract
{
    private RedisServer _redis = null!;
    private TwoInstances _instances = null!;

    public override async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _instances = await TwoInstances.StartAsync(_redis);
        Publisher = _instances.A;
        Subscribers = _instances.B;
    }

    public override async Task DisposeAsync()
    {
        await _instances.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
