using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoipBin.Realtime.Hosting;

namespace VoipBin.Realtime.Tests.Infrastructure;

/// <summary>A real server on Kestrel, bound to a free port on 127.0.0.1, with its log lines captured.</summary>
public sealed class RealtimeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RealtimeHost(WebApplication app, CapturedLogs logs, Uri baseAddress)
    {
        _app = app;
        Logs = logs;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; <paramref name="settings"/> override <c>appsettings.json</c>.</summary>
    public static async Task<RealtimeHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        string environment = "Testing")
    {
        var logs = new CapturedLogs();
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--environment={environment}",
            $"--Auth:SigningKey={TestTokens.SigningKey}",
            "--Logging:LogLevel:Default=Trace",
        };

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            args.Add($"--{key}={value}");
        }

        var app = RealtimeServer.Create(args.ToArray(), builder =>
        {
            // Captured, not printed: at Trace the console would drown the test output.
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            configure?.Invoke(builder);
        });

        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A host that refused to start (as tests of start-up validation expect) still holds resources.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new RealtimeHost(app, logs, new Uri(address));
    }

    public Uri HubUrl => new(BaseAddress, "/v1.0/hub");

    public Uri RawUrl(string token) =>
        new UriBuilder(BaseAddress) { Scheme = "ws", Path = "/v1.0/ws", Query = $"token={token}" }.Uri;

    /// <summary>Publishes through the HTTP API and returns the response.</summary>
    public Task<HttpResponseMessage> PostEventsAsync(object body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/events")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? TestTokens.Publisher());
        return Http.SendAsync(request);
    }

    /// <summary>Posts <paramref name="body"/> to the publishing endpoint exactly as given, valid JSON or not.</summary>
    public Task<HttpResponseMessage> PostEventsTextAsync(string body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/events")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? TestTokens.Publisher());
        return Http.SendAsync(request);
    }

    /// <summary>Publishes one event and fails the test unless it is accepted.</summary>
    public async Task PublishAsync(string topic, string type, object? data)
    {
        using var response = await PostEventsAsync(new { topic, type, data });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted, body);
    }

    public async Task<string> MetricsAsync() => await Http.GetStringAsync("/metrics");

    /// <summary>
    /// Gives accepted sockets a small kernel send buffer (they inherit it from the listening socket), so a client
    /// that stops reading fills the server's own outbound queue after kilobytes, not after the kernel's megabytes.
    /// </summary>
    public static void UseSmallSocketSendBuffers(WebApplicationBuilder builder) =>
        builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = 16 * 1024;
            return socket;
        });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
