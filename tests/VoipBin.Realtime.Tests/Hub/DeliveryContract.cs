using System.Text.Json;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Hub;

/// <summary>
/// The delivery contract, run against every deployment: one instance (below), and two instances over a real
/// Redis with the publisher on one and the subscribers on the other (<c>Backplane.RedisDeliveryContractTests</c>).
/// </summary>
public abstract class DeliveryContract : IAsyncLifetime
{
    private readonly Guid _customer = Guid.NewGuid();

    /// <summary>Where events are published.</summary>
    protected RealtimeHost Publisher { get; set; } = null!;

    /// <summary>Where the subscribing clients connect.</summary>
    protected RealtimeHost Subscribers { get; set; } = null!;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    private string CallTopic(string call) => $"customer_id:{_customer}:call:{call}";

    [Fact]
    public async Task A_json_client_receives_the_event_exactly_as_published()
    {
        await using var client = await HubClient.ConnectAsync(Subscribers, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");

        var published = new { id = "c1", n = 7, nested = new[] { 1, 2 } };
        await Publisher.PublishAsync(CallTopic("c1"), "call_created", published);

        var received = await client.NextEventAsync();
        received.Topic.Should().Be(CallTopic("c1"));
        received.Json.Should().Be("""{"type":"call_created","data":{"id":"c1","n":7,"nested":[1,2]}}""");
    }

    [Fact]
    public async Task A_messagepack_client_receives_the_event_as_a_map_not_a_string_or_an_empty_map()
    {
        var token = TestTokens.CustomerAdmin(_customer);
        await using var client = await HubClient.ConnectAsync(Subscribers, token, HubProtocol.MessagePack);
        await client.SubscribeAsync("call");

        var published = new { id = "c2", n = 7, ok = true, none = (string?)null };
        await Publisher.PublishAsync(CallTopic("c2"), "call_created", published);

        var received = await client.NextEventAsync();
        received.Topic.Should().Be(CallTopic("c2"));
        var map = received.Decoded.Should().BeAssignableTo<IDictionary<object, object>>().Subject;
        map["type"].Should().Be("call_created");
        var data = map["data"].Should().BeAssignableTo<IDictionary<object, object>>().Subject;
        data["id"].Should().Be("c2");
        Convert.ToInt64(data["n"]).Should().Be(7);
        data["ok"].Should().Be(true);
        data["none"].Should().BeNull();
    }

    [Fact]
    public async Task Subscribe_returns_the_connections_subscriptions_in_full_form()
    {
        await using var client = await HubClient.ConnectAsync(Subscribers, TestTokens.CustomerAdmin(_customer));

        var afterFirst = await client.SubscribeAsync("call", $"customer_id:{_customer}:queue");
        var afterSecond = await client.UnsubscribeAsync("call");

        afterFirst.Should().BeEquivalentTo($"customer_id:{_customer}:call", $"customer_id:{_customer}:queue");
        afterSecond.Should().BeEquivalentTo($"customer_id:{_customer}:queue");
    }

    [Fact]
    public async Task Overlapping_subscriptions_deliver_each_event_once()
    {
        await using var client = await HubClient.ConnectAsync(Subscribers, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call", "call:x", $"customer_id:{_customer}");

        await Publisher.PublishAsync(CallTopic("x"), "first", 1);
        await Publisher.PublishAsync(CallTopic("y"), "marker", 2);

        (await client.NextEventAsync()).Type.Should().Be("first");
        (await client.NextEventAsync()).Type.Should().Be("marker");
        client.TryTakeEvent(out _).Should().BeFalse("the first event must not arrive twice");
    }

    [Fact]
    public async Task The_narrow_subscription_still_delivers_after_the_broad_one_is_removed()
    {
        await using var client = await HubClient.ConnectAsync(Subscribers, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call", "call:x");
        await client.UnsubscribeAsync("call");

        await Publisher.PublishAsync(CallTopic("y"), "not_subscribed", 1);
        await Publisher.PublishAsync(CallTopic("x"), "still_subscribed", 2);

        var received = await client.NextEventAsync();
        received.Type.Should().Be("still_subscribed");
    }

    [Fact]
    public async Task Unsubscribe_stops_delivery()
    {
        await using var client = await HubClient.ConnectAsync(Subscribers, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call", "queue");
        await client.UnsubscribeAsync("call");

        await Publisher.PublishAsync(CallTopic("x"), "after_unsubscribe", 1);
        await Publisher.PublishAsync($"customer_id:{_customer}:queue:q", "marker", 2);

        (await client.NextEventAsync()).Type.Should().Be("marker");
    }

    [Fact]
    public async Task A_subscription_never_matches_a_topic_that_merely_starts_with_the_same_letters()
    {
        await using var client = await HubClient.ConnectAsync(Subscribers, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");

        await Publisher.PublishAsync($"customer_id:{_customer}:callrecording:r1", "recording", 1);
        await Publisher.PublishAsync(CallTopic("c"), "marker", 2);

        (await client.NextEventAsync()).Type.Should().Be("marker");
    }

    [Fact]
    public async Task Events_of_one_topic_arrive_in_publish_order()
    {
        await using var client = await HubClient.ConnectAsync(Subscribers, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call:x");
        var batch = Enumerable.Range(0, 200)
            .Select(i => new { topic = CallTopic("x"), type = "step", data = i })
            .ToArray();

        using var response = await Publisher.PostEventsAsync(batch);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);

        for (var i = 0; i < batch.Length; i++)
        {
            var received = await client.NextEventAsync();
            received.Payload.GetProperty("data").GetInt32().Should().Be(i);
        }
    }
}

public sealed class SingleInstanceDeliveryTests : DeliveryContract
{
    public override async Task InitializeAsync()
    {
        Publisher = await RealtimeHost.StartAsync();
        Subscribers = Publisher;
    }

    public override async Task DisposeAsync() => await Publisher.DisposeAsync();
}
