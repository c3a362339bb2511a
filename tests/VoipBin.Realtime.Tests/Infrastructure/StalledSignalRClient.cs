using System.Text;

namespace VoipBin.Realtime.Tests.Infrastructure;

/// <summary>
/// A SignalR client (JSON protocol over the WebSocket transport, spoken by hand so reading can stop at will)
/// that subscribes and then never reads its socket again.
/// </summary>
public static class StalledSignalRClient
{
    private const char RecordSeparator = '\u001e';

    public static async Task<RawClient> ConnectAndStallAsync(RealtimeHost host, string token, params string[] topics)
    {
        var url = new UriBuilder(host.HubUrl) { Scheme = "ws", Query = $"access_token={token}" }.Uri;
        var client = await RawClient.ConnectStallableAsync(url);

        await client.SendTextAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        (await client.ReceiveOnceAsync()).Should().Be("{}" + RecordSeparator);

        var arguments = System.Text.Json.JsonSerializer.Serialize(topics);
        await client.SendTextAsync(
            $$"""{"type":1,"invocationId":"1","target":"Subscribe","arguments":[{{arguments}}]}""" + RecordSeparator);
        (await client.ReceiveOnceAsync()).Should().Contain("\"invocationId\":\"1\"");
        return client;
    }
}
