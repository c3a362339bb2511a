using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR.Client;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Backplane;

/// <summary>
/// Two instances, one real Redis: what only a backplane can get wrong. The general delivery rules run over Redis
/// in <see cref="RedisDeliveryContractTests"/>.
/// </summary>
public sealed class RedisDeliveryTests : IAsyncLifetime
{
    private readonly Guid _customer = Guid.NewGuid();
    private RedisServer _redis = null!;
    private TwoInstances _instances = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _instances = await TwoInstances.StartAsync(_redis);
    }

    public async Task DisposeAsync()
    {
        await _instances.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private RealtimeHost A => _instances.A;

    private RealtimeHost B => _instances.B;

    private string Topic(string rest) => $"customer_id:{_customer}:{rest}";

    [Fact]
    public async Task A_raw_client_on_B_receives_an_event_published_on_A_as_one_bare_text_frame()
    {
        await using var client = await RawClient.ConnectAsync(B, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");

        await A.PublishAsync(Topic("call:r1"), "call_created", new { id = "r1", n = 7 });

        var frame = await client.NextFrameAsync();
        frame.Type.Should().Be(WebSocketMessageType.Text);
        frame.Text.Should().Be("""{"type":"call_created","data":{"id":"r1","n":7}}""");
    }

    [Fact]
    public async Task Unsubscribe_by_a_raw_client_on_B_stops_delivery_from_A()
    {
        await using var client = await RawClient.ConnectAsync(B, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call", "queue");
        await client.UnsubscribeAsync("call");

        await A.PublishAsync(Topic("call:x"), "after_unsubscribe", 1);
        await A.PublishAsync(Topic("queue:q"), "marker", 2);

        (await client.NextJsonAsync()).GetProperty("type").GetString().Should().Be("marker");
    }

    [Fact]
    public async Task Json_and_messagepack_clients_on_both_instances_all_receive_one_publish()
    {
        var token = TestTokens.CustomerAdmin(_customer);
        await using var jsonOnA = await HubClient.ConnectAsync(A, token);
        await using var packOnA = await HubClient.ConnectAsync(A, token, HubProtocol.MessagePack);
        await using var jsonOnB = await HubClient.ConnectAsync(B, token);
        await using var packOnB = await HubClient.ConnectAsync(B, token, HubProtocol.MessagePack);
        foreach (var client in new[] { jsonOnA, packOnA, jsonOnB, packOnB })
        {
            await client.SubscribeAsync("queue");
        }

        await B.PublishAsync(Topic("queue:q1"), "queue_updated", 1);

        (await jsonOnA.NextEventAsync()).Type.Should().Be("queue_updated");
        (await jsonOnB.NextEventAsync()).Type.Should().Be("queue_updated");
        (await packOnA.NextEventAsync()).Topic.Should().Be(Topic("queue:q1"));
        (await packOnB.NextEventAsync()).Topic.Should().Be(Topic("queue:q1"));
    }

    [Fact]
    public async Task Unsubscribe_on_B_stops_delivery_from_A_and_B_leaves_the_redis_channel()
    {
        await using var client = await HubClient.ConnectAsync(B, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call", "queue");
        await client.UnsubscribeAsync("call");

        await A.PublishAsync(Topic("call:x"), "after_unsubscribe", 1);
        await A.PublishAsync(Topic("queue:q"), "marker", 2);

        (await client.NextEventAsync()).Type.Should().Be("marker");
        var channels = await _redis.SubscribedChannelsAsync($"*{_customer}*");
        channels.Should().ContainSingle().Which.Should().EndWith($"{_customer}:queue");
    }

    [Fact]
    public async Task When_members_on_B_leave_the_others_still_receive_and_the_last_one_unsubscribes_B()
    {
        var token = TestTokens.CustomerAdmin(_customer);
        var leaving = await HubClient.ConnectAsync(B, token);
        await using var staying = await HubClient.ConnectAsync(B, token);
        await leaving.SubscribeAsync("call");
        await staying.SubscribeAsync("call");

        await leaving.DisposeAsync();
        await A.PublishAsync(Topic("call:x"), "after_one_left", 1);

        (await staying.NextEventAsync()).Type.Should().Be("after_one_left");
        await staying.DisposeAsync();
        await Waiting.UntilAsync(
            async () => (await _redis.SubscribedChannelsAsync($"*{_customer}*")).Length == 0,
            "B leaves the group's Redis channel once its last member is gone");
    }

    [Fact]
    public async Task A_client_with_stateful_reconnect_on_B_connects_subscribes_and_receives_from_A()
    {
        await using var client = await HubClient.ConnectAsync(
            B,
            TestTokens.CustomerAdmin(_customer),
            configure: builder => builder.WithStatefulReconnect());

        var subscriptions = await client.SubscribeAsync("call");
        await A.PublishAsync(Topic("call:s"), "stateful", 1);

        subscriptions.Should().Equal(Topic("call"));
        var received = await client.NextEventAsync();
        received.Type.Should().Be("stateful");
        client.Connection.State.Should().Be(HubConnectionState.Connected);
    }

    [Fact]
    public async Task Two_topics_that_differ_only_in_case_are_separate_subscriptions_over_redis()
    {
        await using var client = await HubClient.ConnectAsync(B, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call:abc", "call:ABC");

        await A.PublishAsync(Topic("call:ABC"), "upper", 1);
        await A.PublishAsync(Topic("call:abc"), "lower", 2);

        var types = new[] { (await client.NextEventAsync()).Type, (await client.NextEventAsync()).Type };
        types.Should().BeEquivalentTo("upper", "lower");
    }
}
