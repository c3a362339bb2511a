using System.Net.WebSockets;

namespace VoipBin.Realtime.Delivery;

/// <summary>
/// A WebSocket that reports its sends to a <see cref="SendWatch"/>. SignalR's WebSocket transport is handed one
/// of these, so a SignalR client whose send hangs is found and counted by the same watchdog as a raw client.
/// </summary>
internal sealed class WatchedWebSocket : WebSocket
{
    private readonly WebSocket _inner;
    private readonly SendWatch _watch;

    public WatchedWebSocket(WebSocket inner, SendWatch watch)
    {
        _inner = inner;
        _watch = watch;
    }

    public override WebSocketCloseStatus? CloseStatus => _inner.CloseStatus;

    public override string? CloseStatusDescription => _inner.CloseStatusDescription;

    public override WebSocketState State => _inner.State;

    public override string? SubProtocol => _inner.SubProtocol;

    public override void Abort() => _inner.Abort();

    public override Task CloseAsync(
        WebSocketCloseStatus closeStatus,
        string? statusDescription,
        CancellationToken cancellationToken) =>
        _inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(
        WebSocketCloseStatus closeStatus,
        string? statusDescription,
        CancellationToken cancellationToken) =>
        _inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Dispose() => _inner.Dispose();

    public override Task<WebSocketReceiveResult> ReceiveAsync(
        ArraySegment<byte> buffer,
        CancellationToken cancellationToken) =>
        _inner.ReceiveAsync(buffer, cancellationToken);

    public override ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(
        Memory<byte> buffer,
        CancellationToken cancellationToken) =>
        _inner.ReceiveAsync(buffer, cancellationToken);

    public override async Task SendAsync(
        ArraySegment<byte> buffer,
        WebSocketMessageType messageType,
        bool endOfMessage,
        CancellationToken cancellationToken)
    {
        _watch.Begin();
        try
        {
            await _inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
        }
        finally
        {
            _watch.End();
        }
    }

    public override async ValueTask SendAsync(
        ReadOnlyMemory<byte> buffer,
        WebSocketMessageType messageType,
        bool endOfMessage,
        CancellationToken cancellationToken)
    {
        _watch.Begin();
        try
        {
            await _inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
        }
        finally
        {
            _watch.End();
        }
    }

    public override async ValueTask SendAsync(
        ReadOnlyMemory<byte> buffer,
        WebSocketMessageType messageType,
        WebSocketMessageFlags messageFlags,
        CancellationToken cancellationToken)
    {
        _watch.Begin();
        try
        {
            await _inner.SendAsync(buffer, messageType, messageFlags, cancellationToken);
        }
        finally
        {
            _watch.End();
        }
    }
}
