using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Auth;

public sealed class TokenExpiryTests
{
    private readonly Guid _customer = Guid.NewGuid();

    [Fact]
    public async Task A_signalr_connection_is_closed_soon_after_its_token_expires()
    {
        await using var host = await RealtimeHost.StartAsync();
        var expiresAt = TestTokens.WholeSecondsFromNow(2);
        await using var client = await HubClient.ConnectAsync(
            host, TestTokens.Expiring(expiresAt, _customer, null, "customer_admin"));
        await client.SubscribeAsync("call");

        await client.Closed.Within();

        DateTimeOffset.UtcNow.Should().BeOnOrAfter(expiresAt);
        (await host.MetricsAsync()).Should()
            .Contain("voipbin_realtime_connections_closed_total{reason=\"token_expired\"} 1");
    }

    [Fact]
    public async Task A_connection_whose_token_has_not_expired_is_left_open()
    {
        await using var host = await RealtimeHost.StartAsync();
        await using var lasting = await HubClient.ConnectAsync(host, TestTokens.CustomerAdmin(_customer));
        await using var expiring = await HubClient.ConnectAsync(
            host, TestTokens.Expiring(TestTokens.WholeSecondsFromNow(1), _customer, null, "customer_admin"));
        await lasting.SubscribeAsync("call");

        await expiring.Closed.Within();
        await host.PublishAsync($"customer_id:{_customer}:call:c", "still_open", 1);

        (await lasting.NextEventAsync()).Type.Should().Be("still_open");
    }
}
