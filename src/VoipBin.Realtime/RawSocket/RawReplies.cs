namespace VoipBin.Realtime.RawSocket;

/// <summary>
/// The reply to a subscribe or unsubscribe that carried an <c>id</c>: the message's topics in full form.
/// </summary>
internal sealed record RawAcknowledgement(string Type, string[] Topics)
{
    public const string Subscribed = "subscribed";
    public const string Unsubscribed = "unsubscribed";
}

/// <summary>A refused message: <c>{"type":"error","id":...,"error":{"code":...,"message":...}}</c>.</summary>
internal sealed record RawError(string Code, string Message);
