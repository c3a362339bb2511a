using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.RawSocket;

public sealed class RawConnectionLifecycleTests
{
    private readonly Guid _customer = Guid.NewGuid();

    [Fact]
    public async Task A_frame_over_the_size_limit_closes_with_1009()
    {
        await using var host = await RealtimeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Limits:InboundFrameBytes"] = "2048",
        });
        await using var client = await RawClient.ConnectAsync(host, TestTokens.CustomerAdmin(_customer));

        await client.SendTextAsync($$"""{"type":"subscribe","topics":["{{new string('x', 3000)}}"]}""");

        (await client.Closed.Within()).Should().Be(WebSocketCloseStatus.MessageTooBig);
    }

    [Fact]
    public async Task A_binary_frame_closes_with_1003()
    {
        await using var host = await RealtimeHost.StartAsync();
        await using var client = await RawClient.ConnectAsync(host, TestTokens.CustomerAdmin(_customer));

        await client.Socket.SendAsync(
            new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);

        (await client.Closed.Within()).Should().Be(WebSocketCloseStatus.InvalidMessageType);
    }

    [Fact]
    public async Task An_expired_token_closes_the_connection_with_1008()
    {
        await using var host = await RealtimeHost.StartAsync();
        var token = TestTokens.Expiring(DateTimeOffset.UtcNow.AddSeconds(2), _customer, null, "customer_admin");
        await using var client = await RawClient.ConnectAsync(host, token);
        await client.SubscribeAsync("call");

        (await client.Closed.Within()).Should().Be(WebSocketCloseStatus.PolicyViolation);
        client.CloseDescription.Should().Be("token expired");
        (await host.MetricsAsync()).Should()
            .Contain("voipbin_realtime_connections_closed_total{reason=\"token_expired\"} 1");
    }

    [Fact]
    public async Task Shutting_down_closes_raw_clients_with_1001()
    {
        var host = await RealtimeHost.StartAsync();
        await using var client = await RawClient.ConnectAsync(host, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");

        var stopping = host.DisposeAsync().AsTask();

        (await client.Closed.Within()).Should().Be(WebSocketCloseStatus.EndpointUnavailable);
        await stopping.Within();
    }

    [Fact]
    public async Task A_silent_client_is_dropped_by_the_keepalive_and_leaves_its_groups_while_a_responsive_one_stays()
    {
        await using var host = await RealtimeHost.StartAsync(new Dictionary<string, string?>
        {
            ["RawSocket:KeepAliveInterval"] = "00:00:00.250",
            ["RawSocket:KeepAliveTimeout"] = "00:00:02",
        });
        await using var responsive = await RawClient.ConnectAsync(host, TestTokens.CustomerAdmin(_customer));
        await using var silent = await RawClient.ConnectAsync(host, TestTokens.CustomerAdmin(_customer), listen: false);
        await silent.SendTextAsync("""{"type":"subscribe","topics":["call"]}""");
        await Waiting.UntilAsync(
            async () => (await host.MetricsAsync()).Contains("voipbin_realtime_subscriptions 1\n"),
            "the silent client has subscribed");

        await Waiting.UntilAsync(
            async () => (await host.MetricsAsync()).Contains("voipbin_realtime_connections{protocol=\"raw\"} 1\n"),
            "the silent client has been dropped");

        silent.StartListening();
        (await silent.Closed.Within()).Should().BeNull("the server aborts a peer that does not answer pings");
        (await host.MetricsAsync()).Should().Contain("voipbin_realtime_subscriptions 0\n", "its groups are left");
        await responsive.SubscribeAsync("call");
        responsive.Socket.State.Should().Be(WebSocketState.Open);
    }

    [Fact]
    public async Task The_hubs_client_timeout_never_drops_an_idle_raw_connection()
    {
        var clientTimeout = TimeSpan.FromMilliseconds(500);
        await using var host = await RealtimeHost.StartAsync(configure: builder =>
            builder.Services.Configure<HubOptions>(hub =>
            {
                hub.ClientTimeoutInterval = clientTimeout;
                hub.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
            }));
        await using var client = await RawClient.ConnectAsync(host, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");

        // Idle for many client-timeout intervals: the point of the test is the passing time itself.
        await Task.Delay(clientTimeout * 8);

        await host.PublishAsync($"customer_id:{_customer}:call:c", "still_here", 1);
        (await client.NextFrameAsync()).Text.Should().Be("""{"type":"still_here","data":1}""");
        client.Socket.State.Should().Be(WebSocketState.Open);
    }
}
