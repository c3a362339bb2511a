using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace VoipBin.Realtime.Benchmarks;

/// <summary>
/// A lean subscriber that only counts the events it receives, so the benchmark measures the server and not the
/// clients' parsing. It speaks the raw protocol, or SignalR's JSON or MessagePack protocol over the WebSocket
/// transport (handshake, one Subscribe invocation, then counting invocation messages).
/// </summary>
internal sealed class BenchClient
{
    private const byte RecordSeparator = 0x1e;

    private readonly ClientWebSocket _socket;
    private readonly string _kind;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _target = long.MaxValue;
    private long _received;

    private BenchClient(string kind, ClientWebSocket socket)
    {
        _kind = kind;
        _socket = socket;
    }

    public Task Done => _done.Task;

    public static async Task<BenchClient> ConnectAsync(Uri server, string kind, string token, string topic)
    {
        var client = new BenchClient(kind, new ClientWebSocket());
        await client.ConnectAsync(server, token, topic, invoker: null);
        return client;
    }

    /// <summary>Connects and subscribes <paramref name="socket"/>, which the caller then reads itself.</summary>
    public static async Task<BenchClient> ConnectSocketAsync(
        ClientWebSocket socket,
        Uri server,
        string kind,
        string token,
        string topic,
        HttpMessageInvoker? invoker = null)
    {
        var client = new BenchClient(kind, socket);
        await client.ConnectAsync(server, token, topic, invoker);
        return client;
    }

    private async Task ConnectAsync(Uri server, string token, string topic, HttpMessageInvoker? invoker)
    {
        var url = _kind == "raw"
            ? new UriBuilder(server) { Scheme = "ws", Path = "/v1.0/ws", Query = $"token={token}" }.Uri
            : new UriBuilder(server) { Scheme = "ws", Path = "/v1.0/hub", Query = $"access_token={token}" }.Uri;
        await _socket.ConnectAsync(url, invoker, CancellationToken.None);
        await SubscribeAsync(topic);
    }

    /// <summary>Counts toward <paramref name="events"/>; <see cref="Done"/> completes when they arrive.</summary>
    public void Expect(long events)
    {
        Interlocked.Exchange(ref _received, 0);
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _target, events);
    }

    public void StartReceiving() => _ = ReceiveLoopAsync();

    public Task CloseAsync() => _socket.State == WebSocketState.Open
        ? _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None)
        : Task.CompletedTask;

    private async Task SubscribeAsync(string topic)
    {
        if (_kind == "raw")
        {
            await SendTextAsync($$"""{"type":"subscribe","topics":["{{topic}}"],"id":1}""");
            await ReceiveMessageAsync();
            return;
        }

        var protocol = _kind == "json" ? "json" : "messagepack";
        await SendTextAsync($$"""{"protocol":"{{protocol}}","version":1}""" + (char)RecordSeparator);
        await ReceiveMessageAsync();
        if (_kind == "json")
        {
            await SendTextAsync($$"""{"type":1,"invocationId":"1","target":"Subscribe","arguments":[["{{topic}}"]]}"""
                + (char)RecordSeparator);
        }
        else
        {
            var invocation = MessagePackInvocation(topic);
            await _socket.SendAsync(invocation, WebSocketMessageType.Binary, true, CancellationToken.None);
        }

        await ReceiveMessageAsync();
    }

    private Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReceiveMessageAsync()
    {
        var buffer = new byte[4096];
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
        }
        while (!result.EndOfMessage);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var events = _kind switch
                {
                    "raw" => result.EndOfMessage ? 1 : 0,
                    "json" => CountJsonInvocations(buffer.AsSpan(0, result.Count)),
                    _ => CountWholeMessages(message, buffer.AsSpan(0, result.Count), result.EndOfMessage),
                };

                if (events > 0 && Interlocked.Add(ref _received, events) >= Interlocked.Read(ref _target))
                {
                    _done.TrySetResult();
                }
            }
        }
        catch (WebSocketException)
        {
            _done.TrySetException(new InvalidOperationException("The server closed a subscriber."));
        }
    }

    // Each JSON hub message ends with the record separator; events are the invocations ({"type":1,...}).
    // A message split across reads is counted when its separator arrives, from the buffer's bytes alone.
    private static int CountJsonInvocations(ReadOnlySpan<byte> data) => data.Count(RecordSeparator);

    // A WebSocket message from SignalR holds whole hub messages, so MessagePack is counted per WebSocket message.
    private static int CountWholeMessages(ArrayBufferWriter<byte> message, ReadOnlySpan<byte> data, bool endOfMessage)
    {
        message.Write(data);
        if (!endOfMessage)
        {
            return 0;
        }

        var count = CountMessagePackInvocations(message.WrittenSpan);
        message.ResetWrittenCount();
        return count;
    }

    // MessagePack hub messages are a varint length then an array whose first element is the message type;
    // the span holds whole messages.
    private static int CountMessagePackInvocations(ReadOnlySpan<byte> data)
    {
        var count = 0;
        while (!data.IsEmpty)
        {
            var length = 0;
            var shift = 0;
            int read;
            for (read = 0; read < data.Length; read++)
            {
                length |= (data[read] & 0x7f) << shift;
                shift += 7;
                if ((data[read] & 0x80) == 0)
                {
                    read++;
                    break;
                }
            }

            if (read + length > data.Length)
            {
                break;
            }

            if (length > 1 && data[read + 1] == 1)
            {
                count++;
            }

            data = data[(read + length)..];
        }

        return count;
    }

    private static byte[] MessagePackInvocation(string topic)
    {
        // [1, {}, "1", "Subscribe", [[topic]], []]
        var body = new ArrayBufferWriter<byte>();
        body.Write<byte>([0x96, 0x01, 0x80, 0xa1, (byte)'1', 0xa9]);
        body.Write("Subscribe"u8);
        body.Write<byte>([0x91, 0x91]);
        var topicBytes = Encoding.UTF8.GetBytes(topic);
        body.Write<byte>([0xd9, (byte)topicBytes.Length]);
        body.Write(topicBytes);
        body.Write<byte>([0x90]);

        var message = new List<byte>();
        var length = body.WrittenCount;
        do
        {
            var next = (byte)(length & 0x7f);
            length >>= 7;
            message.Add(length > 0 ? (byte)(next | 0x80) : next);
        }
        while (length > 0);

        message.AddRange(body.WrittenSpan.ToArray());
        return message.ToArray();
    }
}
