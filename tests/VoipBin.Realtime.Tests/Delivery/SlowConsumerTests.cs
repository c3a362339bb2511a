using System.Diagnostics;
using VoipBin.Realtime.Tests.Backplane;
using VoipBin.Realtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoipBin.Realtime.Tests.Delivery;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    /// <summary>Tests that compare latencies run alone, so other tests' load cannot skew one phase.</summary>
    public const string Name = "Timing-sensitive";
}

[Collection(TimingSensitive.Name)]
public sealed class SlowConsumerTests
{
    private const int Receivers = 99;
    // About 1.4 MiB per phase: past the default 1 MiB budget and the (small) kernel socket buffers.
    private const int EventsPerPhase = 700;

    // A first, unmeasured round so JIT compilation and connection warm-up do not inflate the baseline.
    private const int WarmUpEvents = 100;

    private readonly Guid _customer = Guid.NewGuid();
    private readonly ITestOutputHelper _output;

    public SlowConsumerTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private string Topic => $"customer_id:{_customer}:call:c1";

    public enum StalledKind
    {
        Raw,
        SignalR,
        SignalRStatefulReconnect,
    }

    [Theory]
    [InlineData(StalledKind.Raw, false)]
    [InlineData(StalledKind.SignalR, false)]
    [InlineData(StalledKind.SignalRStatefulReconnect, false)]
    [InlineData(StalledKind.Raw, true)]
    [InlineData(StalledKind.SignalR, true)]
    [InlineData(StalledKind.SignalRStatefulReconnect, true)]
    public async Task A_stalled_client_is_closed_alone_and_the_others_keep_their_latency(
        StalledKind stalledKind,
        bool overRedis)
    {
        await using var deployment = await Deployment.StartAsync(overRedis);
        var (raw, hub) = await ConnectReceiversAsync(deployment.Subscribers);
        var probe = new LatencyProbe(raw, hub);

        await MeasureAsync(deployment.Publisher, probe, WarmUpEvents);
        var baseline = await MeasureAsync(deployment.Publisher, probe);
        (await deployment.Subscribers.MetricsAsync()).Should()
            .NotContain("reason=\"slow_consumer\"", "no receiver is too slow");
        var stalled = await ConnectStalledAsync(deployment.Subscribers, stalledKind);
        var withStall = await MeasureAsync(deployment.Publisher, probe);

        Report("baseline", baseline);
        Report("with a stalled client", withStall);
        var bound = LatencyProbe.Percentile(baseline, 99) * 10 + TimeSpan.FromMilliseconds(250);
        LatencyProbe.Percentile(withStall, 99).Should().BeLessThan(bound);
        await Waiting.UntilAsync(
            async () => (await deployment.Subscribers.MetricsAsync()).Contains(
                "voipbin_realtime_connections_closed_total{reason=\"slow_consumer\"} 1\n"),
            "the stalled client is closed as a slow consumer");
        await DisposeAllAsync(raw, hub, stalled);
    }

    [Theory]
    [InlineData(StalledKind.Raw)]
    [InlineData(StalledKind.SignalR)]
    public async Task A_send_stuck_past_the_send_timeout_closes_that_connection_alone(StalledKind stalledKind)
    {
        await using var host = await RealtimeHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Limits:OutboundQueueBytes"] = (512 * 1024 * 1024).ToString(),
                ["Limits:SendTimeout"] = "00:00:01",
                ["Limits:CheckInterval"] = "00:00:00.200",
            },
            RealtimeHost.UseSmallSocketSendBuffers);
        await using var reader = await RawClient.ConnectAsync(host, TestTokens.CustomerAdmin(_customer));
        await reader.SubscribeAsync("call");
        var stalled = await ConnectStalledAsync(host, stalledKind);

        var publishing = LatencyProbe.PublishPacedAsync(host, Topic, 400);
        await Waiting.UntilAsync(
            async () => (await host.MetricsAsync()).Contains(
                "voipbin_realtime_connections_closed_total{reason=\"send_timeout\"} 1\n"),
            "the stalled client is closed for its send timeout");
        await publishing;

        await DrainAsync(reader, 400);
        reader.Socket.State.Should().Be(System.Net.WebSockets.WebSocketState.Open);
        await stalled.DisposeAsync();
    }

    [Fact]
    public async Task The_publisher_returns_promptly_while_a_subscriber_is_stalled()
    {
        // A budget and timeout far beyond the test, so the stalled client stays connected and stalled.
        await using var host = await RealtimeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Limits:OutboundQueueBytes"] = (512 * 1024 * 1024).ToString(),
            ["Limits:SendTimeout"] = "00:05:00",
        });
        await using var reader = await RawClient.ConnectAsync(host, TestTokens.CustomerAdmin(_customer));
        await reader.SubscribeAsync("call");
        var batch = Enumerable.Range(0, 500)
            .Select(i => new { topic = Topic, type = "bulk", data = new { i, padding = new string('x', 2000) } })
            .ToArray();

        var baseline = await TimePostAsync(host, batch);
        await DrainAsync(reader, batch.Length);
        var stalled = await ConnectStalledAsync(host, StalledKind.Raw);
        var durations = new List<TimeSpan>();
        for (var round = 0; round < 8; round++)
        {
            durations.Add(await TimePostAsync(host, batch));
            await DrainAsync(reader, batch.Length);
        }

        _output.WriteLine($"POST of 500 x 2 KiB: {baseline.TotalMilliseconds:F1} ms alone, " +
            $"at most {durations.Max().TotalMilliseconds:F1} ms with a stalled subscriber");
        durations.Max().Should().BeLessThan(baseline * 10 + TimeSpan.FromMilliseconds(500));
        (await host.MetricsAsync()).Should().Contain("voipbin_realtime_connections{protocol=\"raw\"} 2\n",
            "the stalled subscriber is still connected: nobody waited for it and nobody closed it");
        await stalled.DisposeAsync();
    }

    /// <summary>One instance, or two over a real Redis with publisher and subscribers on different instances.</summary>
    private sealed class Deployment : IAsyncDisposable
    {
        private readonly RedisServer? _redis;

        private Deployment(RealtimeHost publisher, RealtimeHost subscribers, RedisServer? redis)
        {
            Publisher = publisher;
            Subscribers = subscribers;
            _redis = redis;
        }

        public RealtimeHost Publisher { get; }

        public RealtimeHost Subscribers { get; }

        public static async Task<Deployment> StartAsync(bool overRedis)
        {
            if (!overRedis)
            {
                var host = await RealtimeHost.StartAsync(configure: RealtimeHost.UseSmallSocketSendBuffers);
                return new Deployment(host, host, null);
            }

            var redis = await RedisServer.StartAsync();
            var settings = new Dictionary<string, string?> { ["Redis:ConnectionString"] = redis.ConnectionString };
            var publisher = await RealtimeHost.StartAsync(settings);
            var subscribers = await RealtimeHost.StartAsync(settings, RealtimeHost.UseSmallSocketSendBuffers);
            return new Deployment(publisher, subscribers, redis);
        }

        public async ValueTask DisposeAsync()
        {
            await Subscribers.DisposeAsync();
            if (_redis is not null)
            {
                await Publisher.DisposeAsync();
                await _redis.DisposeAsync();
            }
        }
    }

    private async Task<(List<RawClient> Raw, List<HubClient> Hub)> ConnectReceiversAsync(RealtimeHost host)
    {
        var raw = new List<RawClient>();
        var hub = new List<HubClient>();
        for (var i = 0; i < Receivers; i++)
        {
            var token = TestTokens.CustomerAdmin(_customer);
            if (i % 2 == 0)
            {
                var client = await RawClient.ConnectAsync(host, token);
                await client.SubscribeAsync("call");
                raw.Add(client);
            }
            else
            {
                var client = await HubClient.ConnectAsync(host, token);
                await client.SubscribeAsync("call");
                hub.Add(client);
            }
        }

        return (raw, hub);
    }

    private Task<RawClient> ConnectStalledAsync(RealtimeHost host, StalledKind kind) => kind == StalledKind.Raw
        ? ConnectStalledRawAsync(host)
        : StalledSignalRClient.ConnectAndStallAsync(
            host, TestTokens.CustomerAdmin(_customer), kind == StalledKind.SignalRStatefulReconnect, "call");

    private async Task<RawClient> ConnectStalledRawAsync(RealtimeHost host)
    {
        var client = await RawClient.ConnectStallableAsync(host.RawUrl(TestTokens.CustomerAdmin(_customer)));
        await client.SendTextAsync("""{"type":"subscribe","topics":["call"],"id":1}""");
        (await client.ReceiveOnceAsync()).Should().StartWith("""{"type":"subscribed""");
        return client;
    }

    private async Task<TimeSpan[]> MeasureAsync(RealtimeHost host, LatencyProbe probe, int events = EventsPerPhase)
    {
        var collecting = probe.CollectAsync(events);
        await LatencyProbe.PublishPacedAsync(host, Topic, events);
        return await collecting.Within(TimeSpan.FromSeconds(60));
    }

    private static async Task<TimeSpan> TimePostAsync(RealtimeHost host, object batch)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await host.PostEventsAsync(batch).Within(TimeSpan.FromSeconds(30));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task DrainAsync(RawClient reader, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await reader.NextFrameAsync();
        }
    }

    private void Report(string phase, TimeSpan[] latencies) =>
        _output.WriteLine($"{phase}: {latencies.Length} deliveries, " +
            $"p50 {LatencyProbe.Percentile(latencies, 50).TotalMilliseconds:F1} ms, " +
            $"p99 {LatencyProbe.Percentile(latencies, 99).TotalMilliseconds:F1} ms");

    private static async Task DisposeAllAsync(List<RawClient> raw, List<HubClient> hub, RawClient stalled)
    {
        await Task.WhenAll(raw.Select(client => client.DisposeAsync().AsTask())
            .Concat(hub.Select(client => client.DisposeAsync().AsTask())));
        await stalled.DisposeAsync();
    }
}
