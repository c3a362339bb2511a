using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Backplane;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Backplane;

/// <summary>Turning the backplane on and off, and the settings around it.</summary>
public sealed class RedisSettingsTests
{
    [Fact]
    public async Task Without_a_connection_string_the_hub_runs_in_memory_and_exports_no_backplane_state()
    {
        await using var host = await RealtimeHost.StartAsync();

        var gate = host.Services.GetRequiredService<IBackplaneGate>();
        var metrics = await host.MetricsAsync();
        using var ready = await host.Http.GetAsync("/readyz");

        gate.Should().BeOfType<InMemoryBackplaneGate>();
        metrics.Should().NotMatchRegex("(?m)^voipbin_realtime_backplane_connected ");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_a_connection_string_the_instance_uses_the_redis_gate_and_reports_redis_ready()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = await TwoInstances.StartInstanceAsync(redis);

        var gate = host.Services.GetRequiredService<IBackplaneGate>();
        using var ready = await host.Http.GetAsync("/readyz");

        gate.Should().BeOfType<RedisBackplaneGate>();
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.MetricsAsync()).Should().Contain("voipbin_realtime_backplane_connected 1");
    }

    [Fact]
    public async Task Bad_redis_settings_stop_start_up_with_messages_naming_each_setting_and_no_secret()
    {
        var start = () => RealtimeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = "127.0.0.1:1,password=hunter2,notAnOption=1",
            ["Redis:ChannelPrefix"] = " ",
            ["Redis:HandOffTimeout"] = "00:00:00",
            ["Redis:ReconnectMaxInterval"] = "01:00:00",
        });

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;

        failure.Failures.Should().HaveCount(4);
        failure.Message.Should().Contain("Redis:ConnectionString").And.Contain("Redis:ChannelPrefix")
            .And.Contain("Redis:HandOffTimeout").And.Contain("Redis:ReconnectMaxInterval");
        failure.Message.Should().NotContain("hunter2");
    }

    [Fact]
    public async Task Instances_with_different_channel_prefixes_on_one_redis_do_not_share_events()
    {
        var customer = Guid.NewGuid();
        await using var redis = await RedisServer.StartAsync();
        await using var first = await TwoInstances.StartInstanceAsync(redis, "deployment-one");
        await using var second = await TwoInstances.StartInstanceAsync(redis, "deployment-two");
        await using var client = await HubClient.ConnectAsync(second, TestTokens.CustomerAdmin(customer));
        await client.SubscribeAsync("call");

        await first.PublishAsync($"customer_id:{customer}:call:x", "other_deployment", 1);
        await second.PublishAsync($"customer_id:{customer}:call:x", "own_deployment", 2);

        (await client.NextEventAsync()).Type.Should().Be("own_deployment");
        var channels = await redis.SubscribedChannelsAsync($"*{customer}*");
        channels.Should().ContainSingle().Which.Should().StartWith("deployment-two:VoipBin.");
    }
}
