using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.RawSocket;

internal sealed partial class RawSocketSession
{
    private static readonly byte[] SuccessfulHandshake = "{}"u8.ToArray();

    private async Task SendLoopAsync()
    {
        var reader = _output.Reader;
        try
        {
            if (await SkipHandshakeReplyAsync(reader))
            {
                await DeliverAsync(reader);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Log.SocketFailed(_logger, _context.ConnectionId, ex);
        }
        finally
        {
            await reader.CompleteAsync();
        }

        await SendCloseFrameAsync();
    }

    private async Task<bool> SkipHandshakeReplyAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            if (TryReadRecord(ref buffer, out var reply))
            {
                var accepted = reply.ToArray().AsSpan().SequenceEqual(SuccessfulHandshake);
                if (!accepted)
                {
                    var response = System.Text.Encoding.UTF8.GetString(reply.ToArray());
                    Log.HandshakeRefused(_logger, _context.ConnectionId, response);
                    RequestClose(CloseRequest.HubFailed);
                }

                reader.AdvanceTo(buffer.Start);
                return accepted;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return false;
            }
        }
    }

    private async Task DeliverAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            try
            {
                while (_closeRequest is null && TryReadRecord(ref buffer, out var frame))
                {
                    await SendFrameAsync(frame);
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (_closeRequest is not null || result.IsCompleted)
            {
                return;
            }
        }
    }

    private async ValueTask SendFrameAsync(ReadOnlySequence<byte> frame)
    {
        SendWatch.Begin();
        if (frame.IsSingleSegment)
        {
            await _socket.SendAsync(frame.First, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        else
        {
            await SendFragmentedAsync(frame);
        }

        SendWatch.End();
    }

    private async ValueTask SendFragmentedAsync(ReadOnlySequence<byte> frame)
    {
        // A message that spans pipe segments goes out as one WebSocket message in several fragments.
        var segments = frame.GetEnumerator();
        segments.MoveNext();
        var current = segments.Current;
        while (segments.MoveNext())
        {
            await _socket.SendAsync(current, WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
            current = segments.Current;
        }

        await _socket.SendAsync(current, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    private async Task SendCloseFrameAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        var request = _closeRequest ?? (_socket.State == WebSocketState.CloseReceived
            ? new CloseRequest(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "")
            : CloseRequest.HubFailed);

        SendWatch.Begin();
        try
        {
            await _socket.CloseOutputAsync(request.Status, request.Description, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Log.SocketFailed(_logger, _context.ConnectionId, ex);
        }
        finally
        {
            SendWatch.End();
        }
    }

    /// <summary>Takes one record (a hub message without its separator) off the front of the buffer.</summary>
    private static bool TryReadRecord(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> record)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (reader.TryReadTo(out record, RawSocketProtocol.RecordSeparator))
        {
            buffer = buffer.Slice(reader.Position);
            return true;
        }

        return false;
    }
}
