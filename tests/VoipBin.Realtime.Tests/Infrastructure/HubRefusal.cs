namespace VoipBin.Realtime.Tests.Infrastructure;

/// <summary>What a .NET SignalR client sees when the hub refuses an invocation.</summary>
public static class HubRefusal
{
    /// <summary>
    /// The standard text SignalR puts before a <c>HubException</c>'s own message; the refusal's code follows it.
    /// </summary>
    public static string Prefix(string method) =>
        $"An unexpected error occurred invoking '{method}' on the server. HubException: ";
}
