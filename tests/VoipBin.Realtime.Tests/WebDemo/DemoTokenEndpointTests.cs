using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.WebDemo;

/// <summary><c>POST /v1.0/demo/token</c>: in Development only, minting tokens the hub accepts.</summary>
public sealed class DemoTokenEndpointTests
{
    private const string Path = "/v1.0/demo/token";
    private const string MappedWarning = "/v1.0/demo/token is mapped because the environment is Development";

    [Fact]
    public async Task In_Development_it_mints_a_token_of_the_asked_shape_that_the_hub_accepts()
    {
        await using var host = await RealtimeHost.StartAsync(environment: "Development");
        var customer = Guid.NewGuid();
        var agent = Guid.NewGuid();
        var before = DateTimeOffset.UtcNow;

        using var response = await host.Http.PostAsJsonAsync(Path, new
        {
            customer_id = customer,
            agent_id = agent,
            permissions = new[] { "customer_admin", "event_publisher" },
            minutes = 5,
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = answer.GetProperty("token").GetString() ?? "";
        var jwt = new JsonWebToken(token);
        jwt.GetClaim("customer_id").Value.Should().Be(customer.ToString());
        jwt.GetClaim("agent_id").Value.Should().Be(agent.ToString());
        jwt.Claims.Where(c => c.Type == "permissions").Select(c => c.Value)
            .Should().BeEquivalentTo("customer_admin", "event_publisher");
        jwt.ValidTo.Should().BeCloseTo(before.AddMinutes(5).UtcDateTime, TimeSpan.FromSeconds(5));
        answer.GetProperty("expires_at").GetDateTimeOffset().Should().Be(new DateTimeOffset(jwt.ValidTo));

        await using var client = await HubClient.ConnectAsync(host, token);
        var subscriptions = await client.SubscribeAsync("call");
        subscriptions.Should().Equal($"customer_id:{customer}:call");
        host.Logs.Lines.Should().NotContain(line => line.Contains(token), "a token is never logged");
    }

    [Fact]
    public async Task It_refuses_bad_input_naming_each_bad_member()
    {
        await using var host = await RealtimeHost.StartAsync(environment: "Development");

        using var response = await host.Http.PostAsJsonAsync(Path, new
        {
            customer_id = "not-a-uuid",
            agent_id = (string?)null,
            permissions = new[] { "customer_admin", "root" },
            minutes = 0,
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);
        errors.Should().BeEquivalentTo("customer_id", "permissions", "minutes");
        problem.GetProperty("errors").GetProperty("permissions")[0].GetString().Should().Contain("root");
    }

    [Fact]
    public async Task It_refuses_a_body_that_is_not_json()
    {
        await using var host = await RealtimeHost.StartAsync(environment: "Development");

        using var body = new StringContent("{customer", null, "application/json");

        using var response = await host.Http.PostAsync(Path, body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task Outside_Development_it_does_not_exist(string environment)
    {
        await using var host = await RealtimeHost.StartAsync(environment: environment);

        var body = new { permissions = new[] { "project_super_admin" } };
        using var post = await host.Http.PostAsJsonAsync(Path, body);
        using var get = await host.Http.GetAsync(Path);

        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        host.Logs.Lines.Should().NotContain(line => line.Contains(MappedWarning));
    }

    [Fact]
    public async Task In_Development_the_start_up_log_warns_that_it_is_mapped()
    {
        await using var host = await RealtimeHost.StartAsync(environment: "Development");

        host.Logs.Lines.Should().Contain(line => line.StartsWith("Warning") && line.Contains(MappedWarning));
    }
}
