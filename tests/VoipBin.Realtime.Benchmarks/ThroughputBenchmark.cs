using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using VoipBin.Realtime.Auth;

namespace VoipBin.Realtime.Benchmarks;

/// <summary>Delivers events to N subscribers of one topic and reports deliveries per second.</summary>
internal static class ThroughputBenchmark
{
    private const int BatchSize = 1000;

    public static async Task<int> RunAsync(ServerProcess server, BenchmarkOptions options)
    {
        var customer = Guid.NewGuid();
        var topic = $"customer_id:{customer}:call:bench";
        var clients = await ConnectAllAsync(server, options, customer, "call");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", ServerProcess.Token(customer, Permissions.EventPublisher));
        var body = BatchBody(topic, options.PayloadBytes);

        // One round to warm up (JIT, buffers), then the measured round.
        await RoundAsync(http, clients, body, BatchSize);
        var started = Stopwatch.GetTimestamp();
        await RoundAsync(http, clients, body, options.Events);
        var seconds = Timing.Seconds(started);

        var deliveries = (long)options.Clients * options.Events;
        Console.WriteLine($"throughput kind={options.Kind} clients={options.Clients} events/client={options.Events} " +
            $"payload={options.PayloadBytes}B: {deliveries / seconds:F0} deliveries/s ({seconds:F2} s)");
        await Task.WhenAll(clients.Select(client => client.CloseAsync()));
        return 0;
    }

    private static async Task RoundAsync(HttpClient http, List<BenchClient> clients, string body, int events)
    {
        foreach (var client in clients)
        {
            client.Expect(events);
        }

        for (var sent = 0; sent < events; sent += BatchSize)
        {
            var count = Math.Min(BatchSize, events - sent);
            var batch = count == BatchSize ? body : Shorten(body, count);
            using var content = new StringContent(batch, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/v1.0/events", content);
            response.EnsureSuccessStatusCode();
        }

        await Task.WhenAll(clients.Select(client => client.Done)).WaitAsync(TimeSpan.FromMinutes(5));
    }

    internal static async Task<List<BenchClient>> ConnectAllAsync(
        ServerProcess server,
        BenchmarkOptions options,
        Guid customer,
        string topic)
    {
        var clients = new List<BenchClient>(options.Clients);
        var token = ServerProcess.Token(customer, Permissions.CustomerAdmin);
        for (var i = 0; i < options.Clients; i += 50)
        {
            var connecting = Enumerable.Range(0, Math.Min(50, options.Clients - i))
                .Select(_ => BenchClient.ConnectAsync(server.BaseAddress, options.Kind, token, topic));
            clients.AddRange(await Task.WhenAll(connecting));
        }

        clients.ForEach(client => client.StartReceiving());
        return clients;
    }

    private static string BatchBody(string topic, int payloadBytes)
    {
        var padding = new string('x', Math.Max(0, payloadBytes - 40));
        var data = $$"""{"seq":1,"padding":"{{padding}}"}""";
        var item = $$"""{"topic":"{{topic}}","type":"call_progressing","data":{{data}}}""";
        return "[" + string.Join(",", Enumerable.Repeat(item, BatchSize)) + "]";
    }

    private static string Shorten(string fullBatch, int count)
    {
        var item = fullBatch[1..(fullBatch.IndexOf("},{", StringComparison.Ordinal) + 1)];
        return "[" + string.Join(",", Enumerable.Repeat(item, count)) + "]";
    }
}
