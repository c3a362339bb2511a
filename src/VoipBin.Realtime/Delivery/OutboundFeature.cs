using Microsoft.AspNetCore.Connections;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.Delivery;

/// <summary>
/// Puts an <see cref="OutboundWriter"/> in front of a connection's transport and tells the hub about it, so the
/// hub can count the connection's deliveries and choose how it is closed when it falls behind.
/// </summary>
internal sealed class OutboundFeature
{
    private readonly ConnectionContext _connection;

    private OutboundFeature(ConnectionContext connection)
    {
        _connection = connection;
        Writer = new OutboundWriter(connection.Transport.Output, HandleOverflow);
    }

    public OutboundWriter Writer { get; }

    /// <summary>What to do when the connection exceeds its budget; set by the hub once the client is known.</summary>
    public Action<CloseReason>? OverflowHandler { get; set; }

    /// <summary>Wraps the connection's output and registers the feature on it.</summary>
    public static OutboundFeature Install(ConnectionContext connection)
    {
        var feature = new OutboundFeature(connection);
        connection.Transport = new DuplexPipe(connection.Transport.Input, feature.Writer);
        connection.Features.Set(feature);
        return feature;
    }

    private void HandleOverflow(CloseReason reason)
    {
        if (OverflowHandler is { } handler)
        {
            handler(reason);
            return;
        }

        _connection.Abort(new ConnectionAbortedException("The client fell too far behind."));
    }

    private sealed class DuplexPipe(System.IO.Pipelines.PipeReader input, System.IO.Pipelines.PipeWriter output)
        : System.IO.Pipelines.IDuplexPipe
    {
        public System.IO.Pipelines.PipeReader Input { get; } = input;

        public System.IO.Pipelines.PipeWriter Output { get; } = output;
    }
}
