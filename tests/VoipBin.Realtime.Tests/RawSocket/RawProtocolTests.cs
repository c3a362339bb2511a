using System.Net.WebSockets;
using System.Text.Json;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.RawSocket;

public sealed class RawProtocolTests : IAsyncLifetime
{
    private readonly Guid _customer = Guid.NewGuid();
    private RealtimeHost _host = null!;

    public async Task InitializeAsync() => _host = await RealtimeHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Full(string shortForm) => $"customer_id:{_customer}:{shortForm}";

    private Task<RawClient> ConnectAsync() => RawClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));

    [Fact]
    public async Task A_subscribe_with_an_id_is_acknowledged_with_its_topics_in_full_form()
    {
        await using var client = await ConnectAsync();
        var activeflow = $"activeflow:{Guid.NewGuid()}";

        await client.SendTextAsync($$"""{"type":"subscribe","topics":["{{activeflow}}","call"],"id":"a1"}""");

        var ack = await client.NextJsonAsync();
        ack.GetRawText().Should().Be(
            $$"""{"type":"subscribed","id":"a1","topics":["{{Full(activeflow)}}","{{Full("call")}}"]}""");
    }

    [Fact]
    public async Task A_numeric_id_comes_back_as_the_same_number()
    {
        await using var client = await ConnectAsync();

        await client.SendTextAsync("""{"type":"unsubscribe","topics":["call"],"id":42}""");

        var ack = await client.NextJsonAsync();
        ack.GetRawText().Should().Be($$"""{"type":"unsubscribed","id":42,"topics":["{{Full("call")}}"]}""");
    }

    [Fact]
    public async Task The_seed_documents_legacy_sequence_sends_nothing_but_the_events()
    {
        var client = await ConnectAsync();
        var call = Full($"call:{Guid.NewGuid()}");

        await client.SendTextAsync("""{"type":"subscribe","topics":["call"]}""");
        await WaitForSubscriptionCountAsync(1);
        await _host.PublishAsync(call, "call_created", new { id = 1 });
        var received = await client.NextFrameAsync();
        await client.SendTextAsync("""{"type":"unsubscribe","topics":["call"]}""");
        await WaitForSubscriptionCountAsync(0);
        await _host.PublishAsync(call, "call_hangup", new { id = 1 });
        await client.DisposeAsync();

        received.Text.Should().Be("""{"type":"call_created","data":{"id":1}}""");
        client.TryTakeFrame(out var unexpected).Should()
            .BeFalse($"nothing else may reach a legacy client: {unexpected}");
    }

    [Fact]
    public async Task A_burst_of_1000_events_arrives_as_1000_frames_in_order()
    {
        await using var client = await ConnectAsync();
        await client.SubscribeAsync("call:burst");
        var batch = Enumerable.Range(0, 1000)
            .Select(i => new { topic = Full("call:burst"), type = "step", data = new { i } })
            .ToArray();

        using var response = await _host.PostEventsAsync(batch);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);

        for (var i = 0; i < batch.Length; i++)
        {
            var frame = await client.NextFrameAsync();
            var payload = JsonDocument.Parse(frame.Text).RootElement;
            payload.GetProperty("data").GetProperty("i").GetInt32().Should().Be(i);
        }
    }

    [Fact]
    public async Task A_raw_client_and_a_signalr_client_on_one_topic_both_receive_one_publish()
    {
        await using var raw = await ConnectAsync();
        await using var signalR = await HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));
        await raw.SubscribeAsync("queue");
        await signalR.SubscribeAsync("queue");

        await _host.PublishAsync(Full("queue:q1"), "queue_updated", new { size = 3 });

        (await raw.NextFrameAsync()).Text.Should().Be("""{"type":"queue_updated","data":{"size":3}}""");
        (await signalR.NextEventAsync()).Json.Should().Be("""{"type":"queue_updated","data":{"size":3}}""");
    }

    [Fact]
    public async Task Overlapping_subscriptions_deliver_an_event_once()
    {
        await using var client = await ConnectAsync();
        await client.SubscribeAsync("call", "call:x");

        await _host.PublishAsync(Full("call:x"), "once", 1);
        await _host.PublishAsync(Full("call:y"), "marker", 2);

        JsonDocument.Parse((await client.NextFrameAsync()).Text).RootElement.GetProperty("type").GetString()
            .Should().Be("once");
        JsonDocument.Parse((await client.NextFrameAsync()).Text).RootElement.GetProperty("type").GetString()
            .Should().Be("marker");
    }

    [Theory]
    [InlineData("not json", "invalid_json")]
    [InlineData("""{"type":"subscribe","topics":["call"],"id":"e"} trailing""", "invalid_json")]
    [InlineData("""[1,2]""", "invalid_message")]
    [InlineData("""{"type":"subscribe","id":"e"}""", "invalid_message")]
    [InlineData("""{"type":"subscribe","topics":"call","id":"e"}""", "invalid_message")]
    [InlineData("""{"type":"subscribe","topics":[7],"id":"e"}""", "invalid_message")]
    [InlineData("""{"type":"publish","topics":["call"],"id":"e"}""", "unknown_type")]
    [InlineData("""{"type":"subscribe","topics":["call::x"],"id":"e"}""", "invalid_topic")]
    [InlineData("""{"type":"subscribe","topics":["customer_id:not-a-uuid"],"id":"e"}""", "invalid_topic")]
    [InlineData("""{"type":"subscribe","topics":["agent_id:00000000-0000-0000-0000-000000000001"],"id":"e"}""",
        "forbidden_topic")]
    public async Task Bad_input_gets_an_error_frame_and_the_connection_stays_open(string message, string code)
    {
        await using var client = await ConnectAsync();

        await client.SendTextAsync(message);

        var error = await client.NextJsonAsync();
        error.GetProperty("type").GetString().Should().Be("error");
        error.GetProperty("error").GetProperty("code").GetString().Should().Be(code);
        error.GetProperty("error").GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        await client.SubscribeAsync("call");
    }

    [Fact]
    public async Task An_error_echoes_the_messages_id()
    {
        await using var client = await ConnectAsync();

        await client.SendTextAsync("""{"type":"subscribe","topics":["bad topic"],"id":17}""");

        var error = await client.NextJsonAsync();
        error.GetProperty("id").GetInt32().Should().Be(17);
    }

    [Fact]
    public async Task A_message_with_one_refused_topic_changes_nothing()
    {
        await using var client = await ConnectAsync();

        await client.SendTextAsync(
            $$"""{"type":"subscribe","topics":["call","agent_id:{{Guid.NewGuid()}}"],"id":"all-or-nothing"}""");
        var error = await client.NextJsonAsync();
        await client.SubscribeAsync("queue");
        await _host.PublishAsync(Full("call:c"), "must_not_arrive", 1);
        await _host.PublishAsync(Full("queue:q"), "marker", 2);

        error.GetProperty("error").GetProperty("code").GetString().Should().Be("forbidden_topic");
        JsonDocument.Parse((await client.NextFrameAsync()).Text).RootElement.GetProperty("type").GetString()
            .Should().Be("marker");
    }

    [Fact]
    public async Task The_signalr_endpoint_refuses_the_raw_protocol()
    {
        using var socket = new ClientWebSocket();
        var token = TestTokens.CustomerAdmin(_customer);
        var url = new UriBuilder(_host.HubUrl) { Scheme = "ws", Query = $"access_token={token}" };
        await socket.ConnectAsync(url.Uri, CancellationToken.None).Within();

        await socket.SendAsync("{\"protocol\":\"voipbin-raw\",\"version\":1}\u001e"u8.ToArray(),
            WebSocketMessageType.Text, true, CancellationToken.None).Within();

        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None).Within();
        System.Text.Encoding.UTF8.GetString(buffer, 0, result.Count).Should().Contain("not supported");
    }

    [Fact]
    public async Task Without_a_token_the_upgrade_is_refused_with_401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        var connect = () => socket.ConnectAsync(
            new UriBuilder(_host.RawUrl("x")) { Query = "" }.Uri, CancellationToken.None).Within();

        await connect.Should().ThrowAsync<WebSocketException>();
        socket.HttpStatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    private Task WaitForSubscriptionCountAsync(int count) =>
        Waiting.UntilAsync(
            async () => (await _host.MetricsAsync()).Contains($"voipbin_realtime_subscriptions {count}\n"),
            $"the server holds {count} subscription(s)");
}
