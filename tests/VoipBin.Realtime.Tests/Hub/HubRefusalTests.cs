using Microsoft.AspNetCore.SignalR;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Hub;

public sealed class HubRefusalTests : IClassFixture<HubRefusalTests.SmallLimitsHost>
{
    private const int Burst = 6;

    private readonly Guid _customer = Guid.NewGuid();
    private readonly RealtimeHost _host;

    public HubRefusalTests(SmallLimitsHost fixture)
    {
        _host = fixture.Host;
    }

    private string Full(string shortForm) => $"customer_id:{_customer}:{shortForm}";

    private Task<HubClient> ConnectAsync() => HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));

    [Theory]
    [InlineData("call x")]
    [InlineData("call::x")]
    [InlineData("")]
    [InlineData("customer_id:not-a-uuid:call")]
    public async Task A_malformed_topic_is_refused_with_invalid_topic(string topic)
    {
        await using var client = await ConnectAsync();

        var subscribe = () => client.SubscribeAsync(topic);

        var refusal = await subscribe.Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().StartWith(HubRefusal.Prefix("Subscribe") + "invalid_topic: ");
    }

    [Fact]
    public async Task A_topic_of_another_customer_is_refused_with_forbidden_topic()
    {
        await using var client = await ConnectAsync();

        var subscribe = () => client.SubscribeAsync($"customer_id:{Guid.NewGuid()}:call");

        var refusal = await subscribe.Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().StartWith(HubRefusal.Prefix("Subscribe") + "forbidden_topic: ");
    }

    [Fact]
    public async Task Shape_is_checked_before_permission_across_the_whole_message()
    {
        await using var client = await ConnectAsync();
        var foreign = $"customer_id:{Guid.NewGuid()}:call";

        var subscribe = () => client.SubscribeAsync(foreign, "call x", foreign + " x");

        var refusal = await subscribe.Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().StartWith(HubRefusal.Prefix("Subscribe") + "invalid_topic: ");
    }

    [Fact]
    public async Task More_topics_than_a_message_may_carry_is_too_many_topics()
    {
        await using var client = await ConnectAsync();

        var subscribe = () => client.SubscribeAsync("a", "b", "c", "d");

        var refusal = await subscribe.Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().StartWith(HubRefusal.Prefix("Subscribe") + "too_many_topics: ");
    }

    [Fact]
    public async Task More_topics_than_a_connection_may_hold_is_too_many_topics()
    {
        await using var client = await ConnectAsync();
        await client.SubscribeAsync("a", "b", "c");

        var subscribe = () => client.SubscribeAsync("d", "e");

        var refusal = await subscribe.Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().StartWith(HubRefusal.Prefix("Subscribe") + "too_many_topics: ");
        (await client.SubscribeAsync("a", "d")).Should().HaveCount(4, "topics already held do not count twice");
    }

    [Fact]
    public async Task Messages_past_the_token_bucket_are_rate_limited_and_unsubscribe_counts_too()
    {
        await using var client = await ConnectAsync();
        for (var i = 0; i < Burst / 2; i++)
        {
            await client.SubscribeAsync("call");
            await client.UnsubscribeAsync("call");
        }

        var subscribe = () => client.SubscribeAsync("call");

        var refusal = await subscribe.Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().StartWith(HubRefusal.Prefix("Subscribe") + "rate_limited: ");
    }

    [Fact]
    public async Task A_refused_unsubscribe_carries_the_code_after_the_unsubscribe_prefix()
    {
        await using var client = await ConnectAsync();

        var unsubscribe = () => client.UnsubscribeAsync("call x");

        var refusal = await unsubscribe.Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().StartWith(HubRefusal.Prefix("Unsubscribe") + "invalid_topic: ");
    }

    [Fact]
    public async Task A_subscribe_with_one_refused_topic_changes_nothing()
    {
        await using var client = await ConnectAsync();
        await client.SubscribeAsync("queue");

        var subscribe = () => client.SubscribeAsync("call", $"agent_id:{Guid.NewGuid()}");
        await subscribe.Should().ThrowAsync<HubException>();
        var afterRefusal = await client.SubscribeAsync();
        await _host.PublishAsync(Full("call:c"), "must_not_arrive", 1);
        await _host.PublishAsync(Full("queue:q"), "marker", 2);

        afterRefusal.Should().Equal(Full("queue"));
        (await client.NextEventAsync()).Type.Should().Be("marker");
    }

    [Fact]
    public async Task An_unsubscribe_with_one_refused_topic_changes_nothing()
    {
        await using var client = await ConnectAsync();
        await client.SubscribeAsync("call");

        var unsubscribe = () => client.UnsubscribeAsync("call", "call x");
        await unsubscribe.Should().ThrowAsync<HubException>();
        await _host.PublishAsync(Full("call:c"), "still_subscribed", 1);

        (await client.NextEventAsync()).Type.Should().Be("still_subscribed");
    }

    [Fact]
    public async Task The_connection_stays_usable_after_a_refusal()
    {
        await using var client = await ConnectAsync();

        var subscribe = () => client.SubscribeAsync("bad topic");
        await subscribe.Should().ThrowAsync<HubException>();
        var subscriptions = await client.SubscribeAsync("call");

        subscriptions.Should().Equal(Full("call"));
    }

    public sealed class SmallLimitsHost : SharedHost
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Limits:TopicsPerMessage"] = "3",
            ["Limits:TopicsPerConnection"] = "4",
            ["Limits:SubscribeBurst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Limits:SubscribeRatePerSecond"] = "0.01",
        };
    }
}
