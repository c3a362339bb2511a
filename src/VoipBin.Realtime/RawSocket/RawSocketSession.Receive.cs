using System.Buffers;
using System.Net.WebSockets;

namespace VoipBin.Realtime.RawSocket;

internal sealed partial class RawSocketSession
{
    private async Task ReceiveLoopAsync()
    {
        var writer = _input.Writer;
        var hubListening = true;
        try
        {
            while (true)
            {
                using var frame = await ReceiveFrameAsync();
                if (frame.Kind == FrameKind.Close)
                {
                    return;
                }

                if (frame.Kind != FrameKind.Text)
                {
                    hubListening = false;
                    await RefuseAsync(frame.Kind);
                    continue;
                }

                if (hubListening)
                {
                    RawSocketProtocol.WriteFrame(writer, frame.Span);
                    var flush = await writer.FlushAsync();
                    hubListening = !flush.IsCompleted;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Log.SocketFailed(_logger, _context.ConnectionId, ex);
        }
        finally
        {
            await writer.CompleteAsync();
        }
    }

    private async Task RefuseAsync(FrameKind kind)
    {
        var request = kind == FrameKind.TooBig ? CloseRequest.FrameTooBig : CloseRequest.BinaryFrame;
        Log.ProtocolViolation(_logger, _context.ConnectionId, request.Description);
        RequestClose(request);

        // Ending the hub connection lets the send loop send the close frame; this loop then only waits for the
        // client's close reply, discarding anything sent before it.
        await _input.Writer.CompleteAsync();
    }

    private async Task<ReceivedFrame> ReceiveFrameAsync()
    {
        // Wait for the next frame without holding a buffer: an idle connection keeps no receive buffer.
        var head = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
        if (head.MessageType == WebSocketMessageType.Close)
        {
            return ReceivedFrame.Closed;
        }

        var limit = _context.Limits.InboundFrameBytes;
        var frame = new ReceivedFrame(
            head.MessageType == WebSocketMessageType.Binary ? FrameKind.Binary : FrameKind.Text,
            Math.Min(limit + 1, 4096));

        var result = head;
        while (!result.EndOfMessage)
        {
            result = await _socket.ReceiveAsync(frame.FreeSpace(limit + 1), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                frame.Dispose();
                return ReceivedFrame.Closed;
            }

            frame.Advance(result.Count, limit);
        }

        return frame;
    }

    private enum FrameKind
    {
        Text,
        Binary,
        TooBig,
        Close,
    }

    /// <summary>One inbound message in a pooled buffer that grows up to the frame limit, then only counts.</summary>
    private sealed class ReceivedFrame : IDisposable
    {
        public static readonly ReceivedFrame Closed = new(FrameKind.Close, 0);

        private byte[] _buffer;
        private int _length;

        public ReceivedFrame(FrameKind kind, int initialSize)
        {
            Kind = kind;
            _buffer = initialSize == 0 ? [] : ArrayPool<byte>.Shared.Rent(initialSize);
        }

        public FrameKind Kind { get; private set; }

        public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

        /// <summary>Room for the next read; past the limit the same room is reused and the data dropped.</summary>
        public Memory<byte> FreeSpace(int capacity)
        {
            if (Kind is FrameKind.TooBig or FrameKind.Binary)
            {
                return _buffer;
            }

            if (_length == _buffer.Length && _buffer.Length < capacity)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(capacity, _buffer.Length * 2));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            return _buffer.AsMemory(_length);
        }

        public void Advance(int count, int limit)
        {
            if (Kind is FrameKind.TooBig or FrameKind.Binary)
            {
                return;
            }

            _length += count;
            if (_length > limit)
            {
                Kind = FrameKind.TooBig;
                _length = 0;
            }
        }

        public void Dispose()
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }
        }
    }
}
