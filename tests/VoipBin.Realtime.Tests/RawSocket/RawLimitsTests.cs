using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.RawSocket;

public sealed class RawLimitsTests : IAsyncLifetime
{
    private readonly Guid _customer = Guid.NewGuid();
    private RealtimeHost _host = null!;

    public async Task InitializeAsync() => _host = await RealtimeHost.StartAsync(new Dictionary<string, string?>
    {
        ["Limits:TopicsPerMessage"] = "3",
        ["Limits:TopicsPerConnection"] = "4",
        ["Limits:SubscribeBurst"] = "5",
        ["Limits:SubscribeRatePerSecond"] = "0.01",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<RawClient> ConnectAsync() => RawClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));

    [Fact]
    public async Task More_topics_than_a_message_may_carry_is_too_many_topics()
    {
        await using var client = await ConnectAsync();

        await client.SendTextAsync("""{"type":"subscribe","topics":["a","b","c","d"],"id":1}""");

        var error = await client.NextJsonAsync();
        error.GetProperty("error").GetProperty("code").GetString().Should().Be("too_many_topics");
    }

    [Fact]
    public async Task More_topics_than_a_connection_may_hold_is_too_many_topics_and_changes_nothing()
    {
        await using var client = await ConnectAsync();
        await client.SubscribeAsync("a", "b", "c");

        await client.SendTextAsync("""{"type":"subscribe","topics":["d","e"],"id":2}""");
        var error = await client.NextJsonAsync();
        var ack = await client.SubscribeAsync("d");

        error.GetProperty("error").GetProperty("code").GetString().Should().Be("too_many_topics");
        ack.GetProperty("topics")[0].GetString().Should().Be($"customer_id:{_customer}:d");
    }

    [Fact]
    public async Task Messages_past_the_token_bucket_are_rate_limited()
    {
        await using var client = await ConnectAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.SubscribeAsync("a");
        }

        await client.SendTextAsync("""{"type":"subscribe","topics":["a"],"id":"sixth"}""");

        var error = await client.NextJsonAsync();
        error.GetProperty("error").GetProperty("code").GetString().Should().Be("rate_limited");
        error.GetProperty("id").GetString().Should().Be("sixth");
        (await _host.MetricsAsync()).Should().Contain("voipbin_realtime_refusals_total{code=\"rate_limited\"} 1");
    }
}
