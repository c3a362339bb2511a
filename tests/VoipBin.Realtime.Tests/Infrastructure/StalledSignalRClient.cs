using System.Net.Http.Headers;
using System.Text.Json;

namespace VoipBin.Realtime.Tests.Infrastructure;

/// <summary>
/// A SignalR client (JSON protocol over the WebSocket transport, spoken by hand so reading can stop at will)
/// that subscribes and then never reads its socket again. With <c>statefulReconnect</c> it negotiates stateful
/// reconnect first, as <c>withStatefulReconnect()</c> clients do, and never acknowledges anything.
/// </summary>
public static class StalledSignalRClient
{
    private const char RecordSeparator = '\u001e';

    public static async Task<RawClient> ConnectAndStallAsync(
        RealtimeHost host,
        string token,
        bool statefulReconnect,
        params string[] topics)
    {
        var query = $"access_token={token}";
        if (statefulReconnect)
        {
            query += $"&id={await NegotiateStatefulAsync(host, token)}";
        }

        var url = new UriBuilder(host.HubUrl) { Scheme = "ws", Query = query }.Uri;
        var client = await RawClient.ConnectStallableAsync(url);

        var version = statefulReconnect ? 2 : 1;
        await client.SendTextAsync($$"""{"protocol":"json","version":{{version}}}""" + RecordSeparator);
        (await client.ReceiveOnceAsync()).Should().Be("{}" + RecordSeparator);

        var arguments = JsonSerializer.Serialize(topics);
        await client.SendTextAsync(
            $$"""{"type":1,"invocationId":"1","target":"Subscribe","arguments":[{{arguments}}]}""" + RecordSeparator);
        while (!(await client.ReceiveOnceAsync()).Contains("\"invocationId\":\"1\"", StringComparison.Ordinal))
        {
            // Acknowledgement and sequence messages may come first; the subscription's completion is what counts.
        }

        return client;
    }

    private static async Task<string> NegotiateStatefulAsync(RealtimeHost host, string token)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post, "/v1.0/hub/negotiate?negotiateVersion=1&useStatefulReconnect=true");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Http.SendAsync(request).Within();
        response.EnsureSuccessStatusCode();

        var negotiation = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        negotiation.GetProperty("useStatefulReconnect").GetBoolean().Should().BeTrue();
        return negotiation.GetProperty("connectionToken").GetString()
            ?? throw new InvalidOperationException("The negotiation carried no connection token.");
    }
}
