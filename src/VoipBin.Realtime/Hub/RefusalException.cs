using Microsoft.AspNetCore.SignalR;

namespace VoipBin.Realtime.Hub;

/// <summary>
/// A refused subscribe or unsubscribe. Its message starts with the stable error code, which is what a SignalR
/// client reads after SignalR's standard prefix (the hub filter passes it on as a plain <see cref="HubException"/>,
/// since SignalR would otherwise name this type in that prefix).
/// </summary>
internal sealed class RefusalException : HubException
{
    /// <summary>Creates a refusal with a code from <see cref="Topics.ErrorCodes"/> and a readable detail.</summary>
    public RefusalException(string code, string detail)
        : base($"{code}: {detail}")
    {
        Code = code;
        Detail = detail;
    }

    /// <summary>The stable error code.</summary>
    public string Code { get; }

    /// <summary>The human-readable explanation.</summary>
    public string Detail { get; }
}
