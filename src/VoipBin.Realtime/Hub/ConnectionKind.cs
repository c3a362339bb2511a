namespace VoipBin.Realtime.Hub;

/// <summary>How a client reached the hub.</summary>
internal enum ConnectionKind
{
    /// <summary>A SignalR client on <c>/v1.0/hub</c>.</summary>
    SignalR,

    /// <summary>A legacy raw WebSocket client on <c>/v1.0/ws</c>.</summary>
    Raw,
}
