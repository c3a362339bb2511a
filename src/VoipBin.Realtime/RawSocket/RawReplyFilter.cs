using Microsoft.AspNetCore.SignalR;
using VoipBin.Realtime.Hub;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.RawSocket;

/// <summary>
/// Gives raw socket invocations their legacy replies: an acknowledgement naming the message's topics in full form,
/// or an error carrying the refusal's code. SignalR connections pass through untouched.
/// </summary>
internal sealed class RawReplyFilter : IHubFilter
{
    private readonly TopicParser _parser;

    public RawReplyFilter(TopicParser parser)
    {
        _parser = parser;
    }

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.Context.Items[typeof(RealtimeConnection)] is not RealtimeConnection
            {
                Kind: ConnectionKind.Raw,
            } connection)
        {
            return await next(invocationContext);
        }

        try
        {
            await next(invocationContext);
        }
        catch (RefusalException refusal)
        {
            return new RawError(refusal.Code, refusal.Detail);
        }

        var type = invocationContext.HubMethodName == RawMessageParser.SubscribeMethod
            ? RawAcknowledgement.Subscribed
            : RawAcknowledgement.Unsubscribed;
        return new RawAcknowledgement(type, FullForms(connection, invocationContext.HubMethodArguments));
    }

    private string[] FullForms(RealtimeConnection connection, IReadOnlyList<object?> arguments)
    {
        // The hub accepted every topic already, so each parses again to the same full form.
        var topics = arguments is [string[] given] ? given : [];
        return topics
            .Select(topic => _parser.Parse(topic, connection.Identity.CustomerId).Topic?.Value ?? topic)
            .ToArray();
    }
}
