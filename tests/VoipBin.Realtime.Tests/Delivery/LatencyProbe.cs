using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoipBin.Realtime.Publishing;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Delivery;

/// <summary>
/// Publishes paced events that carry their send time, and reads the delivery latencies of a set of receivers.
/// </summary>
public sealed class LatencyProbe
{
    private readonly IReadOnlyList<RawClient> _rawReceivers;
    private readonly IReadOnlyList<HubClient> _hubReceivers;

    public LatencyProbe(IReadOnlyList<RawClient> rawReceivers, IReadOnlyList<HubClient> hubReceivers)
    {
        _rawReceivers = rawReceivers;
        _hubReceivers = hubReceivers;
    }

    /// <summary>Publishes <paramref name="count"/> events of about 2 KiB, one every couple of milliseconds.</summary>
    public static async Task PublishPacedAsync(RealtimeHost host, string topic, int count)
    {
        var publisher = host.Services.GetRequiredService<IEventPublisher>();
        var padding = new string('x', 2000);
        for (var i = 0; i < count; i++)
        {
            var data = JsonSerializer.SerializeToElement(new { seq = i, sentAt = Stopwatch.GetTimestamp(), padding });
            await publisher.PublishAsync([new PlatformEvent(topic, "probe", data)]);

            // Pacing the load, not waiting for anything: latency is measured per event, not as a burst's backlog.
            await Task.Delay(2);
        }
    }

    /// <summary>Reads <paramref name="count"/> events from every receiver, in order; returns all latencies.</summary>
    public async Task<TimeSpan[]> CollectAsync(int count)
    {
        var raw = _rawReceivers.Select(client => CollectRawAsync(client, count));
        var hub = _hubReceivers.Select(client => CollectHubAsync(client, count));
        var all = await Task.WhenAll(raw.Concat(hub));
        return all.SelectMany(latencies => latencies).ToArray();
    }

    public static TimeSpan Percentile(TimeSpan[] latencies, double percentile)
    {
        var sorted = latencies.Order().ToArray();
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    private static async Task<TimeSpan[]> CollectRawAsync(RawClient client, int count)
    {
        var latencies = new TimeSpan[count];
        for (var i = 0; i < count; i++)
        {
            var frame = await client.NextFrameAsync(TimeSpan.FromSeconds(30));
            latencies[i] = Latency(JsonDocument.Parse(frame.Text).RootElement, i, frame.ReceivedAt);
        }

        return latencies;
    }

    private static async Task<TimeSpan[]> CollectHubAsync(HubClient client, int count)
    {
        var latencies = new TimeSpan[count];
        for (var i = 0; i < count; i++)
        {
            var received = await client.NextEventAsync(TimeSpan.FromSeconds(30));
            latencies[i] = Latency(received.Payload, i, received.ReceivedAt);
        }

        return latencies;
    }

    private static TimeSpan Latency(JsonElement payload, int expectedSeq, long receivedAt)
    {
        var data = payload.GetProperty("data");
        data.GetProperty("seq").GetInt32().Should().Be(expectedSeq, "every receiver gets every event, in order");
        return Stopwatch.GetElapsedTime(data.GetProperty("sentAt").GetInt64(), receivedAt);
    }
}
