using System.Net.WebSockets;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.RawSocket;

/// <summary>The close frame the server sends a raw client: its status and a short reason.</summary>
internal sealed record CloseRequest(WebSocketCloseStatus Status, string Description)
{
    public static readonly CloseRequest FrameTooBig =
        new(WebSocketCloseStatus.MessageTooBig, "frame larger than Limits:InboundFrameBytes");

    public static readonly CloseRequest BinaryFrame =
        new(WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported");

    public static readonly CloseRequest HubFailed =
        new(WebSocketCloseStatus.InternalServerError, "server error; reconnect and resubscribe");

    public static CloseRequest For(CloseReason reason) => reason switch
    {
        CloseReason.TokenExpired => new(WebSocketCloseStatus.PolicyViolation, "token expired"),
        CloseReason.SlowConsumer => new(WebSocketCloseStatus.PolicyViolation, "slow consumer"),
        CloseReason.SendTimeout => new(WebSocketCloseStatus.PolicyViolation, "send timeout"),
        CloseReason.ShuttingDown => new(WebSocketCloseStatus.EndpointUnavailable, "server shutting down"),
        _ => new(WebSocketCloseStatus.InternalServerError, "server error; reconnect and resubscribe"),
    };
}
