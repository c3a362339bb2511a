using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VoipBin.Realtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoipBin.Realtime.Tests.Backplane;

/// <summary>
/// Redis going away and coming back: publishes are refused with 503 meanwhile (never 202 and then lost),
/// and delivery resumes by itself on every instance, for the clients that stayed connected.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan ResumeDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);
    private const string ConnectedGauge = "voipbin_realtime_backplane_connected ";

    private readonly ITestOutputHelper _output;
    private readonly Guid _customer = Guid.NewGuid();
    private readonly string _token;
    private RedisServer _redis = null!;

    public RedisOutageTests(ITestOutputHelper output)
    {
        _output = output;
        _token = TestTokens.CustomerAdmin(_customer);
    }

    public Task InitializeAsync()
    {
        _redis = RedisServer.Reserve();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private string Topic(string rest) => $"customer_id:{_customer}:{rest}";

    private object Event(string rest, string type, int data) => new { topic = Topic(rest), type, data };

    [Fact]
    public async Task Redis_restarted_mid_test_answers_503_meanwhile_then_resumes_without_client_reconnects()
    {
        await _redis.StartAgainAsync();
        await using var instances = await TwoInstances.StartAsync(_redis);
        await using var onA = await HubClient.ConnectAsync(instances.A, _token);
        await using var onB = await HubClient.ConnectAsync(instances.B, _token, HubProtocol.MessagePack);
        await using var rawOnB = await RawClient.ConnectAsync(instances.B, _token);
        await onA.SubscribeAsync("call");
        await onB.SubscribeAsync("call");
        await rawOnB.SubscribeAsync("call");
        var connectionIds = new[] { onA.Connection.ConnectionId, onB.Connection.ConnectionId };
        await instances.A.PublishAsync(Topic("call:x"), "before", 0);
        (await onB.NextEventAsync()).Topic.Should().Be(Topic("call:x"));
        (await onA.NextEventAsync()).Type.Should().Be("before");
        (await rawOnB.NextJsonAsync()).GetProperty("type").GetString().Should().Be("before");
        (await BackplaneConnectedAsync(instances.A)).Should().Be("1");

        await _redis.StopAsync();
        using var duringOutage = await instances.A.PostEventsAsync(Event("call:x", "during_outage", 1));

        var problem = await duringOutage.Content.ReadAsStringAsync();
        duringOutage.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, problem);
        duringOutage.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        await Waiting.UntilAsync(async () => !await IsReadyAsync(instances.B),
            "B reports itself not ready while Redis is down");
        (await StatusAsync(instances.B, "/healthz")).Should().Be(HttpStatusCode.OK, "liveness needs no Redis");
        (await BackplaneConnectedAsync(instances.A)).Should().Be("0");
        (await instances.A.MetricsAsync()).Should()
            .Contain("voipbin_realtime_backplane_publishes_refused_total 1");

        await _redis.StartAgainAsync();
        var sinceRestart = Stopwatch.StartNew();
        var aToB = await PublishUntilReceivedAsync(instances.A, onB, "resumed_a_to_b");
        var resumedAToB = sinceRestart.Elapsed;
        var bToA = await PublishUntilReceivedAsync(instances.B, onA, "resumed_b_to_a");
        var resumedBToA = sinceRestart.Elapsed;

        _output.WriteLine(
            $"Redis restart to first resumed delivery: A to B {resumedAToB.TotalMilliseconds:0} ms "
            + $"({aToB} publish attempts), B to A {resumedBToA.TotalMilliseconds:0} ms ({bToA} attempts).");
        new[] { onA.Connection.ConnectionId, onB.Connection.ConnectionId }.Should().Equal(connectionIds,
            "the clients must not have reconnected");
        onA.Connection.State.Should().Be(HubConnectionState.Connected);
        onB.Connection.State.Should().Be(HubConnectionState.Connected);
        (await RawTypesUntilAsync(rawOnB, "resumed_a_to_b")).Should().NotContain("during_outage");
        rawOnB.Socket.State.Should().Be(WebSocketState.Open, "the raw client must not have been dropped");
        await Waiting.UntilAsync(() => IsReadyAsync(instances.B), "B reports itself ready again");
    }

    [Fact]
    public async Task An_instance_started_before_redis_answers_503_until_redis_is_up_and_then_delivers()
    {
        var starting = Stopwatch.StartNew();
        await using var instances = await TwoInstances.StartAsync(_redis);
        _output.WriteLine($"Both instances started without Redis in {starting.ElapsedMilliseconds} ms.");

        using var early = await instances.A.PostEventsAsync(Event("call:x", "early", 0));
        early.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await StatusAsync(instances.A, "/readyz")).Should().Be(HttpStatusCode.ServiceUnavailable);
        (await BackplaneConnectedAsync(instances.A)).Should().Be("0");

        await _redis.StartAgainAsync();
        var sinceRedisStarted = Stopwatch.StartNew();
        await Waiting.UntilAsync(
            async () => await IsReadyAsync(instances.A) && await IsReadyAsync(instances.B),
            "both instances connect to Redis by themselves",
            ResumeDeadline);
        _output.WriteLine($"Both ready {sinceRedisStarted.ElapsedMilliseconds} ms after Redis started.");
        await using var onB = await HubClient.ConnectAsync(instances.B, _token);
        await onB.SubscribeAsync("call");
        await instances.A.PublishAsync(Topic("call:x"), "after_redis_came", 1);

        (await onB.NextEventAsync()).Type.Should().Be("after_redis_came");
        (await BackplaneConnectedAsync(instances.A)).Should().Be("1");
    }

    [Fact]
    public async Task A_subscribe_during_the_outage_is_refused_and_works_once_redis_is_back()
    {
        await _redis.StartAgainAsync();
        await using var instances = await TwoInstances.StartAsync(_redis);
        await using var onB = await HubClient.ConnectAsync(instances.B, _token);
        await onB.SubscribeAsync("call");

        await _redis.StopAsync();
        var refused = async () => await onB.SubscribeAsync("queue");

        (await refused.Should().ThrowAsync<HubException>()).Which.Message.Should()
            .Contain("internal_error");
        onB.Connection.State.Should().Be(HubConnectionState.Connected, "a refused subscribe closes nothing");

        await _redis.StartAgainAsync();
        await Waiting.UntilAsync(() => IsReadyAsync(instances.B), "B reconnects to Redis", ResumeDeadline);
        (await onB.SubscribeAsync("queue")).Should().Equal(Topic("call"), Topic("queue"));
        await PublishUntilReceivedAsync(instances.A, onB, "queue_after_outage", "queue:q");
    }

    [Fact]
    public async Task A_raw_client_connecting_during_the_outage_is_told_to_come_back_with_1011()
    {
        await _redis.StartAgainAsync();
        await using var instance = await TwoInstances.StartInstanceAsync(_redis);
        await _redis.StopAsync();
        await Waiting.UntilAsync(async () => !await IsReadyAsync(instance), "the instance sees Redis gone");

        await using var client = await RawClient.ConnectAsync(instance, _token);

        (await client.Closed.Within()).Should().Be(WebSocketCloseStatus.InternalServerError);
    }

    /// <summary>
    /// Publishes on <paramref name="host"/> until <paramref name="client"/> gets one of those events, with
    /// a deadline. Attempts answered 503 are retried; an accepted one may be missed by an instance whose
    /// own subscriptions are not restored yet, which is the backplane's known gap. Returns the number of
    /// attempts.
    /// </summary>
    private async Task<int> PublishUntilReceivedAsync(
        RealtimeHost host,
        HubClient client,
        string type,
        string? topic = null)
    {
        var deadline = DateTime.UtcNow + ResumeDeadline;
        for (var attempt = 1; DateTime.UtcNow < deadline; attempt++)
        {
            using var response = await host.PostEventsAsync(Event(topic ?? "call:x", type, attempt));
            var status = response.StatusCode;
            status.Should().BeOneOf(HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable);
            if (status == HttpStatusCode.Accepted && await ReceivedWithinAsync(client, DeliveryWait))
            {
                return attempt;
            }

            await Task.Delay(RetryPause);
        }

        throw new TimeoutException($"No '{type}' event arrived {ResumeDeadline} after Redis restarted.");
    }

    private static async Task<bool> ReceivedWithinAsync(HubClient client, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            if (client.TryTakeEvent(out var received))
            {
                TypeOf(received).Should().NotBe("during_outage", "a publish answered 503 is not delivered");
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }

    /// <summary>The types of the raw client's frames up to the first of <paramref name="type"/>.</summary>
    private static async Task<List<string?>> RawTypesUntilAsync(RawClient client, string type)
    {
        var types = new List<string?>();
        while (types.LastOrDefault() != type)
        {
            types.Add((await client.NextJsonAsync()).GetProperty("type").GetString());
        }

        return types;
    }

    private static string? TypeOf(ReceivedEvent received) =>
        received.Json is not null
            ? received.Type
            : (received.Decoded as IDictionary<object, object>)?["type"] as string;

    private static async Task<bool> IsReadyAsync(RealtimeHost host) =>
        await StatusAsync(host, "/readyz") == HttpStatusCode.OK;

    private static async Task<HttpStatusCode> StatusAsync(RealtimeHost host, string path)
    {
        using var response = await host.Http.GetAsync(path);
        return response.StatusCode;
    }

    private static async Task<string?> BackplaneConnectedAsync(RealtimeHost host)
    {
        var metrics = await host.MetricsAsync();
        return metrics.Split('\n')
            .FirstOrDefault(line => line.StartsWith(ConnectedGauge, StringComparison.Ordinal))
            ?.Split(' ')[1];
    }
}
