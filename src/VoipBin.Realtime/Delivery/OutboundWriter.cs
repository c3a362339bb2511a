using System.IO.Pipelines;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.Delivery;

/// <summary>
/// The application side of one connection's outbound pipe. It makes sure a write never waits on that
/// connection's reader: the pipe underneath pauses at the outbound budget, and a flush that would wait means the
/// client has fallen a whole budget behind, so the connection is closed as a slow consumer instead of holding up
/// the group send (and, over Redis, the group's channel) that is writing to it.
/// </summary>
/// <remarks>
/// Once the budget is exceeded later writes are dropped: the connection is on its way out and its client reads
/// nothing more, so memory stays bounded by the budget plus one message.
/// </remarks>
internal sealed class OutboundWriter : PipeWriter
{
    // Every pre-serialised hub message larger than this is an event; smaller ones are keepalive pings
    // ({"type":6} and its MessagePack twin), so the count below stays exact without looking inside messages.
    private const int LargestPingBytes = 16;

    private readonly PipeWriter _inner;
    private readonly Action<CloseReason> _onOverflow;
    private byte[]? _discard;
    private long _eventsWritten;
    private int _overflowed;

    public OutboundWriter(PipeWriter inner, Action<CloseReason> onOverflow)
    {
        _inner = inner;
        _onOverflow = onOverflow;
    }

    /// <summary>Events written to this connection so far.</summary>
    public long EventsWritten => Interlocked.Read(ref _eventsWritten);

    public bool HasOverflowed => Volatile.Read(ref _overflowed) != 0;

    public override bool CanGetUnflushedBytes => _inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => _inner.UnflushedBytes;

    public override void Advance(int bytes)
    {
        if (!HasOverflowed)
        {
            _inner.Advance(bytes);
        }
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) =>
        HasOverflowed ? Discard(sizeHint) : _inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) =>
        HasOverflowed ? Discard(sizeHint).Span : _inner.GetSpan(sizeHint);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (HasOverflowed)
        {
            return ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: true));
        }

        return NeverWait(_inner.FlushAsync(cancellationToken));
    }

    public override ValueTask<FlushResult> WriteAsync(
        ReadOnlyMemory<byte> source,
        CancellationToken cancellationToken = default)
    {
        if (HasOverflowed)
        {
            return ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: true));
        }

        if (source.Length > LargestPingBytes)
        {
            Interlocked.Increment(ref _eventsWritten);
        }

        return NeverWait(_inner.WriteAsync(source, cancellationToken));
    }

    public override void CancelPendingFlush() => _inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => _inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => _inner.CompleteAsync(exception);

    private ValueTask<FlushResult> NeverWait(ValueTask<FlushResult> flush)
    {
        if (flush.IsCompleted)
        {
            return flush;
        }

        // The pipe is at its pause threshold: the client is a whole budget behind.
        Interlocked.Exchange(ref _overflowed, 1);
        _ = ObserveAsync(flush);
        _onOverflow(CloseReason.SlowConsumer);
        return ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: true));
    }

    private static async Task ObserveAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            await flush.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The connection is being torn down; a failed flush on it changes nothing.
        }
    }

    private Memory<byte> Discard(int sizeHint)
    {
        var size = Math.Max(sizeHint, 4096);
        if (_discard is null || _discard.Length < size)
        {
            _discard = new byte[size];
        }

        return _discard;
    }
}
