using Microsoft.AspNetCore.SignalR;
using VoipBin.Realtime.Hosting;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.RawSocket;

/// <summary>What a raw socket session needs from the server.</summary>
internal sealed record RawSocketContext(
    string ConnectionId,
    LimitsOptions Limits,
    TimeProvider Time,
    HubConnectionHandler<EventHub> HubHandler);
