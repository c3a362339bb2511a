using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using VoipBin.Realtime.Delivery;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.RawSocket;

/// <summary>
/// One legacy client's WebSocket, bridged to a hub connection. The receive loop feeds client frames to the hub;
/// the send loop writes each hub message as exactly one text frame. It is also the connection feature through
/// which the hub asks for the socket to be closed with a reason.
/// </summary>
/// <remarks>
/// The socket is closed cleanly: the close frame goes out through the send loop (a WebSocket allows one sender),
/// and the receive loop keeps reading until the client's close reply, because cancelling a pending receive
/// would abort the socket instead.
/// </remarks>
internal sealed partial class RawSocketSession
{
    private readonly WebSocket _socket;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly RawSocketContext _context;
    private readonly ILogger _logger;
    private CloseRequest? _closeRequest;

    public RawSocketSession(WebSocket socket, RawSocketContext context, ILogger logger)
    {
        _socket = socket;
        _context = context;
        _logger = logger;
        _input = new Pipe(new PipeOptions(useSynchronizationContext: false));

        // The pipe pauses at the outbound budget; OutboundWriter treats that pause as the client being too slow.
        var budget = context.Limits.OutboundQueueBytes;
        _output = new Pipe(new PipeOptions(
            pauseWriterThreshold: budget,
            resumeWriterThreshold: budget / 2,
            useSynchronizationContext: false));
        SendWatch = new SendWatch(context.Time);
    }

    /// <summary>Tells the connection watchdog when a send to this client has hung.</summary>
    public SendWatch SendWatch { get; }

    /// <summary>The application's ends of the two pipes, as the hub connection sees them.</summary>
    public IDuplexPipe HubTransport => new DuplexPipe(_input.Reader, _output.Writer);

    /// <summary>Runs the connection until both sides are done.</summary>
    public async Task RunAsync(ConnectionContext connection)
    {
        await WriteHandshakeAsync();
        var receiving = ReceiveLoopAsync();
        var sending = SendLoopAsync();

        try
        {
            await _context.HubHandler.OnConnectedAsync(connection);
        }
        catch (Exception ex)
        {
            // For example the backplane is unreachable while the connection joins: tell the client to come back.
            Log.HubFailed(_logger, _context.ConnectionId, ex);
            RequestClose(CloseRequest.HubFailed);
        }

        // The hub is done: nothing more will be written, and nothing more will be read.
        await connection.Transport.Output.CompleteAsync();
        await _input.Reader.CompleteAsync();
        await sending;
        await AwaitClientCloseAsync(receiving);
    }

    /// <summary>Asks for the socket to be closed with the status that tells the client why.</summary>
    public void RequestClose(CloseReason reason)
    {
        RequestClose(CloseRequest.For(reason));
        if (reason == CloseReason.SendTimeout
            || (reason == CloseReason.SlowConsumer && SendWatch.IsSending))
        {
            // A send is stuck on a client that stopped reading, so no close frame could pass it: abort the
            // socket, which also ends the stuck send.
            Log.Aborted(_logger, _context.ConnectionId, reason);
            _socket.Abort();
        }
    }

    private void RequestClose(CloseRequest request)
    {
        if (Interlocked.CompareExchange(ref _closeRequest, request, null) is null)
        {
            // Wake the send loop so it stops delivering and sends the close frame.
            _output.Reader.CancelPendingRead();
        }
    }

    private async ValueTask WriteHandshakeAsync()
    {
        var handshake = new { protocol = RawSocketProtocol.ProtocolName, version = RawSocketProtocol.ProtocolVersion };
        _input.Writer.Write(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(handshake));
        _input.Writer.Write([RawSocketProtocol.RecordSeparator]);
        await _input.Writer.FlushAsync();
    }

    private async Task AwaitClientCloseAsync(Task receiving)
    {
        try
        {
            await receiving.WaitAsync(_context.Limits.SendTimeout, _context.Time);
        }
        catch (TimeoutException)
        {
            Log.CloseReplyMissing(_logger, _context.ConnectionId);
            _socket.Abort();
        }
    }

    private readonly record struct DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Raw connection {ConnectionId} did not answer the close frame; aborting it.",
            EventName = "CloseReplyMissing")]
        public static partial void CloseReplyMissing(ILogger logger, string connectionId);

        [LoggerMessage(2, LogLevel.Information,
            "Raw connection {ConnectionId} aborted ({Reason}): its client stopped reading.",
            EventName = "Aborted")]
        public static partial void Aborted(ILogger logger, string connectionId, CloseReason reason);

        [LoggerMessage(3, LogLevel.Debug, "Raw connection {ConnectionId} sent a frame the protocol refuses: {Reason}.",
            EventName = "ProtocolViolation")]
        public static partial void ProtocolViolation(ILogger logger, string connectionId, string reason);

        [LoggerMessage(4, LogLevel.Debug, "Raw connection {ConnectionId} ended with a socket error.",
            EventName = "SocketFailed")]
        public static partial void SocketFailed(ILogger logger, string connectionId, Exception exception);

        [LoggerMessage(5, LogLevel.Error, "The hub refused raw connection {ConnectionId}'s handshake: {Response}.",
            EventName = "HandshakeRefused")]
        public static partial void HandshakeRefused(ILogger logger, string connectionId, string response);

        [LoggerMessage(6, LogLevel.Warning, "Raw connection {ConnectionId} failed in the hub; closing it with 1011.",
            EventName = "HubFailed")]
        public static partial void HubFailed(ILogger logger, string connectionId, Exception exception);
    }
}
