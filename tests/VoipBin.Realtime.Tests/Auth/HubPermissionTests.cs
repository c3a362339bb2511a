using Microsoft.AspNetCore.SignalR;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Auth;

public sealed class HubPermissionTests : IClassFixture<SharedHost>
{
    private readonly Guid _customer = Guid.NewGuid();
    private readonly Guid _agent = Guid.NewGuid();
    private readonly Guid _stranger = Guid.NewGuid();
    private readonly RealtimeHost _host;

    public HubPermissionTests(SharedHost fixture)
    {
        _host = fixture.Host;
    }

    [Theory]
    [MemberData(nameof(PermissionTable.Rows), MemberType = typeof(PermissionTable))]
    public async Task The_hub_applies_the_permission_table(string permissions, string template, bool allowed)
    {
        var token = TestTokens.For(_customer, _agent, PermissionTable.PermissionsOf(permissions));
        var topic = PermissionTable.TopicFor(template, _customer, _agent, _stranger);
        await using var client = await HubClient.ConnectAsync(_host, token);

        var subscribe = () => client.SubscribeAsync(topic);

        if (allowed)
        {
            var full = topic.StartsWith("customer_id:", StringComparison.Ordinal)
                || topic.StartsWith("agent_id:", StringComparison.Ordinal)
                ? topic
                : $"customer_id:{_customer}:{topic}";
            (await subscribe()).Should().Equal(full);
        }
        else
        {
            var refusal = await subscribe.Should().ThrowAsync<HubException>();
            refusal.Which.Message.Should().StartWith(HubRefusal.Prefix("Subscribe") + "forbidden_topic: ");
        }
    }

    [Fact]
    public async Task An_allowed_subscription_delivers_and_a_refused_one_does_not()
    {
        var token = TestTokens.For(_customer, _agent, "customer_agent");
        await using var agent = await HubClient.ConnectAsync(_host, token);
        await agent.SubscribeAsync($"agent_id:{_agent}");
        var foreign = () => agent.SubscribeAsync($"customer_id:{_customer}:call");
        await foreign.Should().ThrowAsync<HubException>();

        await _host.PublishAsync($"customer_id:{_customer}:call:c", "not_for_agents", 1);
        await _host.PublishAsync($"agent_id:{_agent}:status", "agent_status", 2);

        (await agent.NextEventAsync()).Type.Should().Be("agent_status");
    }

    [Fact]
    public async Task A_short_form_topic_needs_a_customer_in_the_token_even_for_a_super_admin()
    {
        await using var client = await HubClient.ConnectAsync(_host, TestTokens.SuperAdmin());

        var subscribe = () => client.SubscribeAsync("call");

        var refusal = await subscribe.Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().StartWith(HubRefusal.Prefix("Subscribe") + "forbidden_topic: ");
    }

    [Fact]
    public async Task A_raw_client_and_a_signalr_client_refuse_the_same_topic_with_the_same_code()
    {
        var token = TestTokens.For(_customer, _agent, "customer_agent");
        await using var hub = await HubClient.ConnectAsync(_host, token);
        await using var raw = await RawClient.ConnectAsync(_host, token);
        var topic = $"customer_id:{_customer}:call";

        var subscribe = () => hub.SubscribeAsync(topic);
        await raw.SendAsync(new { type = "subscribe", topics = new[] { topic }, id = 1 });

        var refusal = await subscribe.Should().ThrowAsync<HubException>();
        refusal.Which.Message.Should().StartWith(HubRefusal.Prefix("Subscribe") + "forbidden_topic: ");
        (await raw.NextJsonAsync()).GetProperty("error").GetProperty("code").GetString().Should().Be("forbidden_topic");
    }
}
