using Microsoft.AspNetCore.SignalR;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Operations;

public sealed class MetricsTests : IAsyncLifetime
{
    private readonly Guid _customer = Guid.NewGuid();
    private RealtimeHost _host = null!;

    public async Task InitializeAsync() => _host = await RealtimeHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Full(string shortForm) => $"customer_id:{_customer}:{shortForm}";

    [Fact]
    public async Task A_fresh_instance_reports_zero_for_every_series()
    {
        var metrics = await _host.MetricsAsync();

        metrics.Should().Contain("voipbin_realtime_connections{protocol=\"json\"} 0\n")
            .And.Contain("voipbin_realtime_connections{protocol=\"messagepack\"} 0\n")
            .And.Contain("voipbin_realtime_connections{protocol=\"raw\"} 0\n")
            .And.Contain("voipbin_realtime_subscriptions 0\n")
            .And.Contain("voipbin_realtime_events_published_total 0\n")
            .And.Contain("voipbin_realtime_events_delivered_total 0\n");
    }

    [Fact]
    public async Task Metrics_count_connections_by_protocol_subscriptions_events_and_refusals()
    {
        await using var json = await HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));
        await using var messagePack = await HubClient.ConnectAsync(
            _host, TestTokens.CustomerAdmin(_customer), HubProtocol.MessagePack);
        await json.SubscribeAsync("call", "queue");
        await messagePack.SubscribeAsync("call:x");
        var refused = () => json.SubscribeAsync("bad topic");
        await refused.Should().ThrowAsync<HubException>();
        var forbidden = () => messagePack.SubscribeAsync($"agent_id:{Guid.NewGuid()}");
        await forbidden.Should().ThrowAsync<HubException>();

        await _host.PublishAsync(Full("call:x"), "to_both", 1);
        await _host.PublishAsync(Full("queue:q"), "to_json", 2);
        await json.NextEventAsync();
        await json.NextEventAsync();
        await messagePack.NextEventAsync();

        var metrics = await _host.MetricsAsync();
        metrics.Should().Contain("# TYPE voipbin_realtime_connections gauge")
            .And.Contain("voipbin_realtime_connections{protocol=\"json\"} 1\n")
            .And.Contain("voipbin_realtime_connections{protocol=\"messagepack\"} 1\n")
            .And.Contain("voipbin_realtime_subscriptions 3\n")
            .And.Contain("voipbin_realtime_events_published_total 2\n")
            .And.Contain("voipbin_realtime_events_delivered_total 3\n")
            .And.Contain("voipbin_realtime_refusals_total{code=\"invalid_topic\"} 1\n")
            .And.Contain("voipbin_realtime_refusals_total{code=\"forbidden_topic\"} 1\n");
    }

    [Fact]
    public async Task Deliveries_to_a_connection_still_count_after_it_has_closed()
    {
        var client = await HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");
        await _host.PublishAsync(Full("call:c"), "delivered", 1);
        await client.NextEventAsync();

        await client.DisposeAsync();

        await Waiting.UntilAsync(
            async () => (await _host.MetricsAsync()).Contains("voipbin_realtime_connections{protocol=\"json\"} 0\n"),
            "the server has seen the connection close");
        var metrics = await _host.MetricsAsync();
        metrics.Should().Contain("voipbin_realtime_events_delivered_total 1\n")
            .And.Contain("voipbin_realtime_subscriptions 0\n");
    }

    [Fact]
    public async Task A_batch_counts_each_of_its_events_as_published_and_a_refused_batch_counts_none()
    {
        var batch = Enumerable.Range(0, 4).Select(i => new { topic = Full("call:c"), type = "step", data = i });
        using var accepted = await _host.PostEventsAsync(batch);
        using var refused = await _host.PostEventsAsync(new object[]
        {
            new { topic = Full("call:c"), type = "fine", data = 1 },
            new { topic = Full("call:c"), type = "", data = 2 },
        });

        accepted.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);
        refused.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await _host.MetricsAsync()).Should().Contain("voipbin_realtime_events_published_total 4\n");
    }
}
