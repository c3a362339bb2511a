using Microsoft.AspNetCore.Http.Connections;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Hub;

public sealed class HubTransportTests : IClassFixture<SharedHost>
{
    private readonly Guid _customer = Guid.NewGuid();
    private readonly RealtimeHost _host;

    public HubTransportTests(SharedHost fixture)
    {
        _host = fixture.Host;
    }

    private string CallTopic(string call) => $"customer_id:{_customer}:call:{call}";

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task A_json_client_receives_the_exact_event_on_every_transport(HttpTransportType transport)
    {
        await using var client = await HubClient.ConnectAsync(
            _host, TestTokens.CustomerAdmin(_customer), HubProtocol.Json, transport);
        await client.SubscribeAsync("call");

        await _host.PublishAsync(CallTopic("t1"), "call_created", new { id = "t1", legs = new[] { 1, 2 } });

        var received = await client.NextEventAsync();
        received.Topic.Should().Be(CallTopic("t1"));
        received.Json.Should().Be("""{"type":"call_created","data":{"id":"t1","legs":[1,2]}}""");
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task A_messagepack_client_receives_a_map_on_the_binary_transports(HttpTransportType transport)
    {
        await using var client = await HubClient.ConnectAsync(
            _host, TestTokens.CustomerAdmin(_customer), HubProtocol.MessagePack, transport);
        await client.SubscribeAsync("call");

        await _host.PublishAsync(CallTopic("t2"), "call_created", new { id = "t2" });

        var received = await client.NextEventAsync();
        var map = received.Decoded.Should().BeAssignableTo<IDictionary<object, object>>().Subject;
        map["type"].Should().Be("call_created");
        map["data"].Should().BeAssignableTo<IDictionary<object, object>>().Which["id"].Should().Be("t2");
    }

    [Theory]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task Events_of_one_topic_keep_their_order_on_the_http_transports(HttpTransportType transport)
    {
        await using var client = await HubClient.ConnectAsync(
            _host, TestTokens.CustomerAdmin(_customer), HubProtocol.Json, transport);
        await client.SubscribeAsync("call:x");
        var batch = Enumerable.Range(0, 50)
            .Select(i => new { topic = CallTopic("x"), type = "step", data = i })
            .ToArray();

        using var response = await _host.PostEventsAsync(batch);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);
        for (var i = 0; i < batch.Length; i++)
        {
            (await client.NextEventAsync()).Payload.GetProperty("data").GetInt32().Should().Be(i);
        }
    }
}
