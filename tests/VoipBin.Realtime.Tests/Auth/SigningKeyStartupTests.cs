using System.Net;
using VoipBin.Realtime.Auth;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Auth;

public sealed class SigningKeyStartupTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_development_the_server_refuses_to_start_with_the_development_key(string environment)
    {
        var start = () => RealtimeHost.StartAsync(DevelopmentKey(), environment: environment);

        var failure = await start.Should().ThrowAsync<Exception>();
        failure.Which.Message.Should().Contain("Auth:SigningKey").And.Contain(environment);
    }

    [Fact]
    public async Task In_development_the_server_starts_with_the_development_key_and_accepts_its_tokens()
    {
        await using var host = await RealtimeHost.StartAsync(DevelopmentKey(), environment: "Development");
        var token = TokenIssuer.Issue(
            AuthOptions.DevelopmentSigningKey, null, null, ["event_publisher"], DateTimeOffset.UtcNow.AddMinutes(5));

        using var response = await host.PostEventsAsync(
            new { topic = $"customer_id:{Guid.NewGuid()}:call:c", type = "t", data = 1 }, token);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task In_production_the_server_starts_with_a_key_of_its_own()
    {
        await using var host = await RealtimeHost.StartAsync(environment: "Production");

        using var response = await host.Http.GetAsync("/healthz").Within();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_key_shorter_than_32_bytes_is_refused_naming_the_setting()
    {
        var start = () => RealtimeHost.StartAsync(
            new Dictionary<string, string?> { ["Auth:SigningKey"] = "too-short" },
            environment: "Development");

        var failure = await start.Should().ThrowAsync<Exception>();
        failure.Which.Message.Should().Contain("Auth:SigningKey");
    }

    private static Dictionary<string, string?> DevelopmentKey() =>
        new() { ["Auth:SigningKey"] = AuthOptions.DevelopmentSigningKey };
}
