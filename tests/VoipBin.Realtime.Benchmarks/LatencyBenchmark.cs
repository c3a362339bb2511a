using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using VoipBin.Realtime.Auth;

namespace VoipBin.Realtime.Benchmarks;

/// <summary>
/// Delivery latency seen by 99 subscribers (raw and SignalR JSON, alternately) of one topic, first alone and
/// then with one more subscriber that never reads its socket. With --redis the events are published on one
/// instance and the subscribers sit on another, over a real redis-server.
/// </summary>
internal static class LatencyBenchmark
{
    private const int Receivers = 99;
    private const int EventsPerPhase = 2000;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        await using var redis = options.Redis ? await RedisProcess.StartAsync() : null;
        var redisArguments = redis is null ? [] : new[] { $"--Redis:ConnectionString=127.0.0.1:{redis.Port}" };
        await using var publisher = await ServerProcess.StartAsync(options, redisArguments);
        await using var subscriberHost = redis is null ? null : await ServerProcess.StartAsync(options, redisArguments);
        var subscribers = subscriberHost ?? publisher;

        var customer = Guid.NewGuid();
        var topic = $"customer_id:{customer}:call:latency";
        var receivers = await ConnectReceiversAsync(subscribers, customer);
        using var http = PublisherClient(publisher, customer);

        await MeasureAsync(http, topic, receivers, 200);
        var baseline = await MeasureAsync(http, topic, receivers, EventsPerPhase);
        var stalled = await StallingClient.ConnectAsync(subscribers.BaseAddress, customer);
        var withStall = await MeasureAsync(http, topic, receivers, EventsPerPhase);

        var deployment = redis is null ? "one instance" : "two instances over Redis";
        Report($"{deployment}, baseline", baseline);
        Report($"{deployment}, one subscriber stalled", withStall);
        await ReportClosesAsync(subscribers);
        stalled.Dispose();
        return 0;
    }

    private static async Task<TimedReceiver[]> ConnectReceiversAsync(ServerProcess server, Guid customer)
    {
        var token = ServerProcess.Token(customer, Permissions.CustomerAdmin);
        var receivers = new TimedReceiver[Receivers];
        for (var i = 0; i < Receivers; i++)
        {
            receivers[i] = await TimedReceiver.ConnectAsync(server.BaseAddress, i % 2 == 0 ? "raw" : "json", token);
        }

        return receivers;
    }

    private static HttpClient PublisherClient(ServerProcess server, Guid customer)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", ServerProcess.Token(customer, Permissions.EventPublisher));
        return http;
    }

    private static async Task<double[]> MeasureAsync(
        HttpClient http,
        string topic,
        TimedReceiver[] receivers,
        int events)
    {
        foreach (var receiver in receivers)
        {
            receiver.Expect(events);
        }

        var padding = new string('x', 2000);
        for (var i = 0; i < events; i++)
        {
            var data = $$"""{"sentAt":{{Stopwatch.GetTimestamp()}},"padding":"{{padding}}"}""";
            var body = $$"""{"topic":"{{topic}}","type":"probe","data":{{data}}}""";
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/v1.0/events", content);
            response.EnsureSuccessStatusCode();

            // Pacing: about 500 events a second, so latency is per event and not a burst's backlog.
            await Task.Delay(2);
        }

        await Task.WhenAll(receivers.Select(receiver => receiver.Done)).WaitAsync(TimeSpan.FromMinutes(2));
        return receivers.SelectMany(receiver => receiver.LatenciesMs).ToArray();
    }

    private static async Task ReportClosesAsync(ServerProcess server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var metrics = await http.GetStringAsync("/metrics");
        var closes = metrics.Split('\n').Where(line => line.StartsWith("voipbin_realtime_connections_closed_total{"));
        Console.WriteLine($"closed by the server: {string.Join("; ", closes.DefaultIfEmpty("none"))}");
    }

    private static void Report(string phase, double[] latencies)
    {
        Array.Sort(latencies);
        double At(double percentile) => latencies[(int)Math.Ceiling(percentile / 100 * latencies.Length) - 1];
        Console.WriteLine($"latency {phase}: {latencies.Length} deliveries, p50 {At(50):F1} ms, p99 {At(99):F1} ms, " +
            $"max {latencies[^1]:F1} ms");
    }

    /// <summary>A subscriber that records, per event, the time since the publisher stamped it.</summary>
    private sealed class TimedReceiver
    {
        private readonly ClientWebSocket _socket = new();
        private readonly List<double> _latencies = [];
        private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected;

        public Task Done => _done.Task;

        public IReadOnlyList<double> LatenciesMs
        {
            get
            {
                lock (_latencies)
                {
                    return _latencies.ToArray();
                }
            }
        }

        public static async Task<TimedReceiver> ConnectAsync(Uri server, string kind, string token)
        {
            var receiver = new TimedReceiver();
            var client = await BenchClient.ConnectSocketAsync(receiver._socket, server, kind, token, "call");
            _ = receiver.ReceiveLoopAsync(client);
            return receiver;
        }

        public void Expect(int events)
        {
            lock (_latencies)
            {
                _latencies.Clear();
                _expected = events;
                _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        private async Task ReceiveLoopAsync(BenchClient client)
        {
            var buffer = new byte[64 * 1024];
            var pending = new StringBuilder();
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                var receivedAt = Stopwatch.GetTimestamp();
                pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (result.EndOfMessage)
                {
                    Record(pending.ToString(), receivedAt);
                    pending.Clear();
                }
            }

            GC.KeepAlive(client);
        }

        private void Record(string message, long receivedAt)
        {
            const string marker = "\"sentAt\":";
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            lock (_latencies)
            {
                while (at >= 0)
                {
                    var start = at + marker.Length;
                    var end = start;
                    while (end < message.Length && char.IsAsciiDigit(message[end]))
                    {
                        end++;
                    }

                    var sentAt = long.Parse(message.AsSpan(start, end - start));
                    _latencies.Add(Stopwatch.GetElapsedTime(sentAt, receivedAt).TotalMilliseconds);
                    at = message.IndexOf(marker, end, StringComparison.Ordinal);
                }

                if (_latencies.Count >= _expected)
                {
                    _done.TrySetResult();
                }
            }
        }
    }

    /// <summary>A raw subscriber with a tiny socket receive buffer that subscribes, then never reads again.</summary>
    private sealed class StallingClient : IDisposable
    {
        private readonly ClientWebSocket _socket;

        private StallingClient(ClientWebSocket socket)
        {
            _socket = socket;
        }

        public static async Task<StallingClient> ConnectAsync(Uri server, Guid customer)
        {
            var socket = new ClientWebSocket();
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, token) =>
                {
                    var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
                    await tcp.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(tcp, ownsSocket: true);
                },
            };
            var token = ServerProcess.Token(customer, Permissions.CustomerAdmin);
            await BenchClient.ConnectSocketAsync(socket, server, "raw", token, "call", new HttpMessageInvoker(handler));
            return new StallingClient(socket);
        }

        public void Dispose() => _socket.Abort();
    }
}
