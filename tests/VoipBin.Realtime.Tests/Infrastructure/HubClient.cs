using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace VoipBin.Realtime.Tests.Infrastructure;

/// <summary>The wire protocol a SignalR test client speaks.</summary>
public enum HubProtocol
{
    Json,
    MessagePack,
}

/// <summary>A real .NET SignalR client whose received events can be awaited one by one.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly Channel<ReceivedEvent> _events = Channel.CreateUnbounded<ReceivedEvent>();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        Connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    /// <summary>Completes when the connection has closed, with the error the client saw, if any.</summary>
    public Task<Exception?> Closed => _closed.Task;

    public static async Task<HubClient> ConnectAsync(
        RealtimeHost host,
        string token,
        HubProtocol protocol = HubProtocol.Json,
        HttpTransportType transport = HttpTransportType.WebSockets,
        Action<IHubConnectionBuilder>? configure = null)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(host.HubUrl, transport, options =>
                options.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (protocol == HubProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol();
        }

        configure?.Invoke(builder);

        var client = new HubClient(builder.Build());
        client.Listen(protocol);
        await client.Connection.StartAsync().Within();
        return client;
    }

    public Task<string[]> SubscribeAsync(params string[] topics) =>
        Connection.InvokeAsync<string[]>("Subscribe", topics).Within();

    public Task<string[]> UnsubscribeAsync(params string[] topics) =>
        Connection.InvokeAsync<string[]>("Unsubscribe", topics).Within();

    /// <summary>Waits for the next event, failing after the timeout.</summary>
    public async Task<ReceivedEvent> NextEventAsync(TimeSpan? timeout = null) =>
        await _events.Reader.ReadAsync().AsTask().Within(timeout);

    /// <summary>True when an event is already waiting; used after a later marker event proved ordering.</summary>
    public bool TryTakeEvent(out ReceivedEvent received) => _events.Reader.TryRead(out received!);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private void Listen(HubProtocol protocol)
    {
        if (protocol == HubProtocol.Json)
        {
            Connection.On<string, JsonElement>("event", (topic, payload) =>
                _events.Writer.TryWrite(
                    new ReceivedEvent(topic, payload.GetRawText(), null, Stopwatch.GetTimestamp())));
            return;
        }

        Connection.On<string, object>("event", (topic, payload) =>
            _events.Writer.TryWrite(new ReceivedEvent(topic, null, payload, Stopwatch.GetTimestamp())));
    }
}

/// <summary>An event as a test client saw it: JSON text for JSON clients, the decoded object for MessagePack.</summary>
public sealed record ReceivedEvent(string Topic, string? Json, object? Decoded, long ReceivedAt = 0)
{
    public JsonElement Payload =>
        JsonDocument.Parse(Json ?? throw new InvalidOperationException("Not a JSON event.")).RootElement;

    public string Type => Payload.GetProperty("type").GetString()!;
}
