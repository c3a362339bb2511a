using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using VoipBin.Realtime.Auth;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Auth;

public sealed class TokenValidationTests : IClassFixture<SharedHost>
{
    private const string OtherKey = "some-other-signing-key-of-enough-length-0123456789";

    private readonly Guid _customer = Guid.NewGuid();
    private readonly RealtimeHost _host;

    public TokenValidationTests(SharedHost fixture)
    {
        _host = fixture.Host;
    }

    public static TheoryData<string, string> EndpointsAndBadTokens()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in new[] { "hub", "ws", "events" })
        {
            foreach (var token in new[] { "missing", "malformed", "badly-signed", "expired" })
            {
                data.Add(endpoint, token);
            }
        }

        return data;
    }

    public static TheoryData<string, string> EndpointsAndTokenPlaces()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in new[] { "hub", "ws", "events" })
        {
            foreach (var place in new[] { "token", "access_token", "bearer" })
            {
                data.Add(endpoint, place);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EndpointsAndBadTokens))]
    public async Task A_bad_token_is_refused_with_401_and_a_problem_body(string endpoint, string kind)
    {
        var token = BadToken(kind);
        using var request = Request(endpoint, token, "bearer");

        using var response = await _host.Http.SendAsync(request).Within();

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        await ShouldBeProblemAsync(response, 401);
    }

    [Theory]
    [InlineData("malformed")]
    [InlineData("badly-signed")]
    [InlineData("expired")]
    public async Task A_bad_token_in_the_query_is_refused_before_the_websocket_upgrade(string kind)
    {
        var token = BadToken(kind)
            ?? throw new ArgumentException("Only a token that exists can go in a query.", nameof(kind));
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        var connect = () => socket.ConnectAsync(_host.RawUrl(token), CancellationToken.None).Within();

        await connect.Should().ThrowAsync<WebSocketException>();
        socket.HttpStatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(EndpointsAndTokenPlaces))]
    public async Task A_valid_token_is_accepted_from_the_query_or_the_authorization_header(
        string endpoint,
        string place)
    {
        var token = TestTokens.For(_customer, Guid.NewGuid(), "customer_admin", "event_publisher");

        if (endpoint == "ws")
        {
            using var socket = new ClientWebSocket();
            var url = new UriBuilder(_host.RawUrl(token)) { Query = place == "bearer" ? "" : $"{place}={token}" };
            if (place == "bearer")
            {
                socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
            }

            await socket.ConnectAsync(url.Uri, CancellationToken.None).Within();
            socket.State.Should().Be(WebSocketState.Open);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).Within();
            return;
        }

        using var request = Request(endpoint, token, place);
        using var response = await _host.Http.SendAsync(request).Within();

        var expected = endpoint == "hub" ? HttpStatusCode.OK : HttpStatusCode.Accepted;
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_without_a_publishing_permission_is_refused_with_403_and_a_problem_body()
    {
        var token = TestTokens.For(_customer, Guid.NewGuid(), "customer_admin", "customer_manager", "customer_agent");
        using var request = Request("events", token, "bearer");

        using var response = await _host.Http.SendAsync(request).Within();

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(response, 403);
    }

    [Fact]
    public async Task A_super_admin_may_publish()
    {
        using var request = Request("events", TestTokens.SuperAdmin(), "bearer");

        using var response = await _host.Http.SendAsync(request).Within();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_token_signed_with_another_algorithm_is_refused()
    {
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(
            new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
            {
                Claims = new Dictionary<string, object> { ["permissions"] = new[] { "event_publisher" } },
                Expires = DateTime.UtcNow.AddHours(1),
                SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                    TokenIssuer.CreateKey(TestTokens.SigningKey + TestTokens.SigningKey),
                    Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha512),
            });
        using var request = Request("events", token, "bearer");

        using var response = await _host.Http.SendAsync(request).Within();

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_an_expiry_is_refused()
    {
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler
        {
            SetDefaultTimesOnTokenCreation = false,
        }.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["permissions"] = new[] { "event_publisher" } },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                TokenIssuer.CreateKey(TestTokens.SigningKey),
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        using var request = Request("events", token, "bearer");

        using var response = await _host.Http.SendAsync(request).Within();

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private string? BadToken(string kind) => kind switch
    {
        "missing" => null,
        "malformed" => "this-is-not-a-jwt",
        "badly-signed" => TokenIssuer.Issue(
            OtherKey, _customer, null, ["customer_admin", "event_publisher"], DateTimeOffset.UtcNow.AddHours(1)),
        "expired" => TestTokens.Expiring(
            DateTimeOffset.UtcNow.AddMinutes(-1), _customer, null, "customer_admin", "event_publisher"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// A request to one of the three authenticated endpoints: the hub's negotiate, the raw socket's upgrade (sent
    /// with the WebSocket handshake headers, as a browser would) or a publish of one valid event.
    /// </summary>
    private HttpRequestMessage Request(string endpoint, string? token, string place)
    {
        var query = token is null || place == "bearer" ? "" : $"{place}={Uri.EscapeDataString(token)}";
        var request = endpoint switch
        {
            "hub" => new HttpRequestMessage(HttpMethod.Post, $"/v1.0/hub/negotiate?negotiateVersion=1&{query}"),
            "ws" => WebSocketUpgrade($"/v1.0/ws?{query}"),
            "events" => new HttpRequestMessage(HttpMethod.Post, $"/v1.0/events?{query}")
            {
                Content = JsonContent($$"""{"topic":"customer_id:{{_customer}}:call:c","type":"t","data":1}"""),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
        };

        if (token is not null && place == "bearer")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static HttpRequestMessage WebSocketUpgrade(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        return request;
    }

    private static StringContent JsonContent(string json) =>
        new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, int status)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetInt32().Should().Be(status);
        body.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        body.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
    }
}
