using System.Net;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Auth;

public sealed class ClockSkewTests
{
    private readonly Guid _customer = Guid.NewGuid();

    [Fact]
    public async Task The_clock_skew_setting_accepts_a_recently_expired_token()
    {
        await using var skewed = await RealtimeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:ClockSkew"] = "00:01:00",
        });
        await using var strict = await RealtimeHost.StartAsync();
        var token = TestTokens.Expiring(DateTimeOffset.UtcNow.AddSeconds(-30), _customer, null, "customer_admin");

        using var accepted = await NegotiateAsync(skewed, token);
        using var refused = await NegotiateAsync(strict, token);

        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_clock_skew_setting_delays_closing_an_open_connection_by_the_skew()
    {
        var skew = TimeSpan.FromSeconds(2);
        await using var host = await RealtimeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:ClockSkew"] = "00:00:02",
        });
        var expiresAt = TestTokens.WholeSecondsFromNow(1);
        await using var client = await HubClient.ConnectAsync(
            host, TestTokens.Expiring(expiresAt, _customer, null, "customer_admin"));

        await client.Closed.Within();

        DateTimeOffset.UtcNow.Should().BeOnOrAfter(expiresAt + skew);
    }

    private static Task<HttpResponseMessage> NegotiateAsync(RealtimeHost host, string token) =>
        host.Http.PostAsync($"/v1.0/hub/negotiate?negotiateVersion=1&access_token={token}", null).Within();
}
