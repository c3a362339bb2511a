using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using VoipBin.Realtime.Auth;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Auth;

public sealed class TokenCommandTests : IClassFixture<SharedHost>
{
    private readonly Guid _customer = Guid.NewGuid();
    private readonly Guid _agent = Guid.NewGuid();
    private readonly RealtimeHost _host;

    public TokenCommandTests(SharedHost fixture)
    {
        _host = fixture.Host;
    }

    [Fact]
    public async Task The_token_verb_mints_a_token_the_server_accepts_with_its_permissions()
    {
        var (exitCode, output, error) = Run(
            "--customer", _customer.ToString(), "--agent", _agent.ToString(),
            "--permissions", "customer_admin,event_publisher");

        exitCode.Should().Be(0, error);
        error.Should().BeEmpty();
        var token = output.Trim();
        output.Should().Be(token + Environment.NewLine, "the output is the token alone, ready for a script");
        await using var client = await HubClient.ConnectAsync(_host, token);
        var subscriptions = await client.SubscribeAsync("call", $"agent_id:{_agent}");
        subscriptions.Should().BeEquivalentTo($"customer_id:{_customer}:call", $"agent_id:{_agent}");
        await _host.PublishAsync($"customer_id:{_customer}:call:c", "minted", 1);
        (await client.NextEventAsync()).Type.Should().Be("minted");
        using var published = await _host.PostEventsAsync(
            new { topic = $"customer_id:{_customer}:call:c", type = "by_minted_token", data = 1 }, token);
        published.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);
    }

    [Fact]
    public void The_token_carries_the_contracts_claims_and_expires_after_the_minutes_asked()
    {
        var before = DateTimeOffset.UtcNow;

        var (_, output, _) = Run(
            "--customer", _customer.ToString(), "--agent", _agent.ToString(),
            "--permissions", "customer_manager, customer_agent", "--minutes", "5");

        var token = new JsonWebToken(output.Trim());
        token.Alg.Should().Be("HS256");
        token.GetClaim("customer_id").Value.Should().Be(_customer.ToString());
        token.GetClaim("agent_id").Value.Should().Be(_agent.ToString());
        token.Claims.Where(claim => claim.Type == "permissions").Select(claim => claim.Value)
            .Should().Equal("customer_manager", "customer_agent");
        token.ValidTo.Should().BeCloseTo(before.UtcDateTime.AddMinutes(5), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Without_minutes_the_token_lasts_an_hour()
    {
        var before = DateTimeOffset.UtcNow;

        var (_, output, _) = Run("--agent", _agent.ToString());

        var token = new JsonWebToken(output.Trim());
        token.ValidTo.Should().BeCloseTo(before.UtcDateTime.AddHours(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_unknown_permission_is_refused_by_name_and_no_token_is_printed()
    {
        var (exitCode, output, error) = Run("--customer", _customer.ToString(), "--permissions", "customer_admin,root");

        exitCode.Should().NotBe(0);
        output.Should().BeEmpty();
        error.Should().Contain("root").And.Contain("usage:");
    }

    [Theory]
    [InlineData("--customer", "not-a-uuid")]
    [InlineData("--agent", "12345")]
    [InlineData("--minutes", "0")]
    [InlineData("--minutes", "soon")]
    [InlineData("--colour", "blue")]
    [InlineData("--customer")]
    public void Bad_arguments_are_refused_with_the_usage(params string[] args)
    {
        var (exitCode, output, error) = Run(args);

        exitCode.Should().NotBe(0);
        output.Should().BeEmpty();
        error.Should().Contain("usage:");
    }

    [Fact]
    public void Without_a_signing_key_no_token_is_minted()
    {
        var (exitCode, output, error) = Run(new Dictionary<string, string?>(), "--agent", _agent.ToString());

        exitCode.Should().NotBe(0);
        output.Should().BeEmpty();
        error.Should().Contain("Auth:SigningKey");
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args) =>
        Run(new Dictionary<string, string?> { ["Auth:SigningKey"] = TestTokens.SigningKey }, args);

    private static (int ExitCode, string Output, string Error) Run(
        IDictionary<string, string?> settings,
        params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = TokenCommand.Run(args, configuration, output, error);

        return (exitCode, output.ToString(), error.ToString());
    }
}
