using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace VoipBin.Realtime.Tests.Infrastructure;

/// <summary>
/// A legacy raw WebSocket client on a real <see cref="ClientWebSocket"/>. A background loop keeps a receive
/// pending (which also answers the server's pings) and queues every frame, so tests await frames one by one.
/// </summary>
public sealed class RawClient : IAsyncDisposable
{
    private readonly Channel<RawFrame> _frames = Channel.CreateUnbounded<RawFrame>();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;

    private RawClient(ClientWebSocket socket)
    {
        Socket = socket;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>The close status the server sent, once the socket has closed (null when it was aborted).</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    public string? CloseDescription => Socket.CloseStatusDescription;

    public static Task<RawClient> ConnectAsync(RealtimeHost host, string token, bool listen = true) =>
        ConnectAsync(host.RawUrl(token), listen);

    /// <summary>
    /// Connects over a TCP socket with a tiny receive buffer, so a client that stops reading stalls the server's
    /// sends after a few kilobytes instead of after the kernel's usual megabytes.
    /// </summary>
    public static Task<RawClient> ConnectStallableAsync(Uri url) => ConnectAsync(url, listen: false, stallable: true);

    public static async Task<RawClient> ConnectAsync(Uri url, bool listen, bool stallable = false)
    {
        var socket = new ClientWebSocket();
        if (stallable)
        {
            using var invoker = new HttpMessageInvoker(SmallBufferHandler());
            await socket.ConnectAsync(url, invoker, CancellationToken.None).Within();
        }
        else
        {
            await socket.ConnectAsync(url, CancellationToken.None).Within();
        }

        var client = new RawClient(socket);
        if (listen)
        {
            client._receiving = client.ReceiveLoopAsync();
        }

        return client;
    }

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None)
            .Within();

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    /// <summary>Subscribes with an id and waits for the acknowledgement, so a publish after it cannot race.</summary>
    public async Task<JsonElement> SubscribeAsync(params string[] topics)
    {
        var id = Guid.NewGuid().ToString("N");
        await SendAsync(new { type = "subscribe", topics, id });
        var reply = await NextJsonAsync();
        reply.GetProperty("type").GetString().Should().Be("subscribed", reply.GetRawText());
        reply.GetProperty("id").GetString().Should().Be(id);
        return reply;
    }

    public async Task<JsonElement> UnsubscribeAsync(params string[] topics)
    {
        var id = Guid.NewGuid().ToString("N");
        await SendAsync(new { type = "unsubscribe", topics, id });
        var reply = await NextJsonAsync();
        reply.GetProperty("type").GetString().Should().Be("unsubscribed", reply.GetRawText());
        return reply;
    }

    public async Task<RawFrame> NextFrameAsync(TimeSpan? timeout = null) =>
        await _frames.Reader.ReadAsync().AsTask().Within(timeout);

    public async Task<JsonElement> NextJsonAsync(TimeSpan? timeout = null)
    {
        var frame = await NextFrameAsync(timeout);
        frame.Type.Should().Be(WebSocketMessageType.Text);
        return JsonDocument.Parse(frame.Text).RootElement;
    }

    public bool TryTakeFrame(out RawFrame frame) => _frames.Reader.TryRead(out frame!);

    /// <summary>Reads exactly one message on a client that is not listening, then reads nothing more.</summary>
    public async Task<string> ReceiveOnceAsync()
    {
        var buffer = new byte[64 * 1024];
        var stream = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(buffer, CancellationToken.None).Within();
            stream.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static SocketsHttpHandler SmallBufferHandler() => new()
    {
        ConnectCallback = async (context, token) =>
        {
            var socket = new System.Net.Sockets.Socket(
                System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp)
            {
                ReceiveBufferSize = 4096,
                NoDelay = true,
            };
            await socket.ConnectAsync(context.DnsEndPoint, token);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    };

    /// <summary>Starts receiving on a client created with <c>listen: false</c>.</summary>
    public void StartListening() => _receiving = ReceiveLoopAsync();

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).Within();
                await _receiving.Within();
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException)
            {
                // The server went first; nothing more to close.
            }
        }

        Socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[128 * 1024];
        try
        {
            while (true)
            {
                var stream = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
                    stream.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the close as a browser does, completing the handshake.
                    _closed.TrySetResult(result.CloseStatus);
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    return;
                }

                var text = Encoding.UTF8.GetString(stream.ToArray());
                var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                _frames.Writer.TryWrite(new RawFrame(result.MessageType, text, receivedAt));
            }
        }
        catch (WebSocketException)
        {
            _closed.TrySetResult(null);
        }
    }
}

/// <summary>One frame as the raw client received it.</summary>
public sealed record RawFrame(WebSocketMessageType Type, string Text, long ReceivedAt = 0);
