using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace VoipBin.Realtime.Hub;

/// <summary>Names the protocol a SignalR connection speaks, for the connections-by-protocol metric.</summary>
internal static class ProtocolLabel
{
    public const string Raw = "raw";
    public const string Json = "json";
    public const string MessagePack = "messagepack";

    /// <summary>
    /// The handshake sets the transfer format to the chosen protocol's; of the two offered on the hub, only
    /// MessagePack is binary.
    /// </summary>
    public static string Of(HubCallerContext context) =>
        context.Features.Get<ITransferFormatFeature>()?.ActiveFormat == TransferFormat.Binary ? MessagePack : Json;
}
