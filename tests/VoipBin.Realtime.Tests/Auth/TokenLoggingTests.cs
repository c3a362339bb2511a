using System.Net.Http.Headers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using VoipBin.Realtime.Auth;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Auth;

public sealed class TokenLoggingTests : IAsyncLifetime
{
    private static readonly string CapturedLogsProvider = typeof(CapturedLogs).FullName ?? nameof(CapturedLogs);

    private readonly Guid _customer = Guid.NewGuid();
    private readonly List<string> _tokens = [];
    private RealtimeHost _host = null!;

    // Everything at Trace, the framework's categories included, as an operator chasing a problem might set it,
    // both for all providers and for one provider by name (as Logging:Console:LogLevel:Default would be), since a
    // provider's own levels take precedence over the general ones.
    public async Task InitializeAsync() => _host = await RealtimeHost.StartAsync(new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
        [$"Logging:{CapturedLogsProvider}:LogLevel:Default"] = "Trace",
        [$"Logging:{CapturedLogsProvider}:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task No_token_ever_appears_in_the_logs_valid_or_not_on_any_endpoint()
    {
        await UseValidTokensEverywhereAsync();
        await UseInvalidTokensEverywhereAsync();
        await GetRefusedAsync();

        var lines = _host.Logs.Lines.ToArray();
        lines.Should().Contain(line => line.Contains("/v1.0/events", StringComparison.Ordinal),
            "the request paths are logged at this level, so a token beside them would be too");
        lines.Should().Contain(line => line.Contains("Bearer", StringComparison.Ordinal),
            "the bearer handler's failures are logged at this level");
        foreach (var token in _tokens)
        {
            // A line holding the whole token holds its signature too; a malformed token has no dot and is whole.
            var signature = token[(token.LastIndexOf('.') + 1)..];
            lines.Where(line => line.Contains(signature, StringComparison.Ordinal)).Should().BeEmpty(
                "neither a token nor its signature {0} may be logged", signature);
        }
    }

    private async Task UseValidTokensEverywhereAsync()
    {
        foreach (var transport in new[]
                 {
                     HttpTransportType.WebSockets, HttpTransportType.ServerSentEvents, HttpTransportType.LongPolling,
                 })
        {
            var token = Remember(Admin());
            await using var client = await HubClient.ConnectAsync(_host, token, HubProtocol.Json, transport);
            await client.SubscribeAsync("call");
            await _host.PublishAsync($"customer_id:{_customer}:call:c", "logged", 1);
            await client.NextEventAsync();
        }

        await using (var raw = await RawClient.ConnectAsync(_host, Remember(Admin())))
        {
            await raw.SubscribeAsync("call");
        }

        await SendAsync(HttpMethod.Post, $"/v1.0/events?token={Remember(Publisher())}", PublishBody());
        await SendAsync(HttpMethod.Post, $"/v1.0/events?access_token={Remember(Publisher())}", PublishBody());
        await SendAsync(HttpMethod.Post, "/v1.0/events", PublishBody(), Remember(Publisher()));
        await SendAsync(HttpMethod.Post, $"/v1.0/hub/negotiate?negotiateVersion=1&access_token={Remember(Admin())}");
    }

    private async Task UseInvalidTokensEverywhereAsync()
    {
        var expired = TestTokens.Expiring(DateTimeOffset.UtcNow.AddMinutes(-5), _customer, null, "customer_admin");
        var badlySigned = TokenIssuer.Issue(
            "another-key-that-is-long-enough-for-hs256-signing", _customer, null, ["event_publisher"],
            DateTimeOffset.UtcNow.AddHours(1));
        var malformed = "malformed-token-" + Guid.NewGuid().ToString("N");

        foreach (var token in new[] { Remember(expired), Remember(badlySigned), Remember(malformed) })
        {
            await SendAsync(HttpMethod.Post, $"/v1.0/hub/negotiate?negotiateVersion=1&access_token={token}");
            await SendAsync(HttpMethod.Post, "/v1.0/events", PublishBody(), token);
            await SendAsync(HttpMethod.Post, $"/v1.0/events?token={token}", PublishBody());

            using var socket = new ClientWebSocket();
            var connect = () => socket.ConnectAsync(_host.RawUrl(token), CancellationToken.None).Within();
            await connect.Should().ThrowAsync<WebSocketException>();
        }
    }

    private async Task GetRefusedAsync()
    {
        await SendAsync(HttpMethod.Post, $"/v1.0/events?token={Remember(Admin())}", PublishBody());
        await SendAsync(HttpMethod.Post, "/v1.0/events", PublishBody(), Remember(Admin()));

        await using var client = await HubClient.ConnectAsync(_host, Remember(Admin()));
        var subscribe = () => client.SubscribeAsync($"customer_id:{Guid.NewGuid()}:call");
        await subscribe.Should().ThrowAsync<HubException>();
    }

    private async Task SendAsync(HttpMethod method, string path, string? body = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await _host.Http.SendAsync(request).Within();
    }

    private string Remember(string token)
    {
        _tokens.Add(token);
        return token;
    }

    private string Admin() => TestTokens.For(_customer, Guid.NewGuid(), "customer_admin");

    private static string Publisher() => TestTokens.For(null, Guid.NewGuid(), "event_publisher");

    private string PublishBody() => $$"""{"topic":"customer_id:{{_customer}}:call:c","type":"t","data":1}""";
}
