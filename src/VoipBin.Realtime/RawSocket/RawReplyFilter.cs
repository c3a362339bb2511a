using Microsoft.AspNetCore.SignalR;
using VoipBin.Realtime.Hub;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.RawSocket;

/// <summary>
/// Gives raw socket invocations their legacy replies: an acknowledgement naming the message's topics in full form,
/// or an error carrying the refusal's code. For SignalR connections it only hands refusals on as plain
/// <see cref="HubException"/>s.
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
            try
            {
                return await next(invocationContext);
            }
            catch (RefusalException refusal)
            {
                // SignalR puts the exception's type name between its standard prefix and the message; a plain
                // HubException keeps what the client reads standard: "... HubException: <code>: <detail>".
                throw new HubException(refusal.Message, refusal);
            }
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
