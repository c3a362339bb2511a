using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Auth;
using VoipBin.Realtime.Hosting;
using VoipBin.Realtime.Operations;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.Hub;

/// <summary>
/// Applies subscribe and unsubscribe requests for raw and SignalR clients alike: rate limit, shape, permission
/// and limits are checked for the whole message before anything changes, so a refused message changes nothing.
/// </summary>
internal sealed partial class SubscriptionService
{
    private readonly HubLifetimeManager<EventHub> _lifetimeManager;
    private readonly TopicParser _parser;
    private readonly LimitsOptions _limits;
    private readonly RealtimeMetrics _metrics;
    private readonly ILogger<SubscriptionService> _logger;

    public SubscriptionService(
        HubLifetimeManager<EventHub> lifetimeManager,
        TopicParser parser,
        IOptions<LimitsOptions> limits,
        RealtimeMetrics metrics,
        ILogger<SubscriptionService> logger)
    {
        _lifetimeManager = lifetimeManager;
        _parser = parser;
        _limits = limits.Value;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Subscribes and returns the topics of the message in full form.</summary>
    public async Task<Topic[]> SubscribeAsync(RealtimeConnection connection, string?[]? topics)
    {
        var parsed = Validate(connection, topics);
        if (connection.Subscriptions.CountAfterAdding(parsed) > _limits.TopicsPerConnection)
        {
            throw Refuse(ErrorCodes.TooManyTopics,
                $"A connection may hold at most {_limits.TopicsPerConnection} topics.");
        }

        var snapshot = connection.Subscriptions.TakeSnapshot();
        var changes = connection.Subscriptions.Add(parsed);
        await ApplyAsync(connection, snapshot, changes);
        return parsed;
    }

    /// <summary>Unsubscribes and returns the topics of the message in full form.</summary>
    public async Task<Topic[]> UnsubscribeAsync(RealtimeConnection connection, string?[]? topics)
    {
        var parsed = Validate(connection, topics);

        var snapshot = connection.Subscriptions.TakeSnapshot();
        var changes = connection.Subscriptions.Remove(parsed);
        await ApplyAsync(connection, snapshot, changes);
        return parsed;
    }

    /// <summary>Leaves every group of a connection that is going away.</summary>
    public async Task ForgetAsync(RealtimeConnection connection)
    {
        foreach (var group in connection.Subscriptions.Groups.ToArray())
        {
            await _lifetimeManager.RemoveFromGroupAsync(connection.ConnectionId, group);
        }
    }

    /// <summary>Counts and builds a refusal; every refusal the hub answers goes through here.</summary>
    public RefusalException Refuse(string code, string detail)
    {
        _metrics.Refused(code);
        return new RefusalException(code, detail);
    }

    private Topic[] Validate(RealtimeConnection connection, string?[]? topics)
    {
        if (!connection.RateLimit.TryTake())
        {
            throw Refuse(ErrorCodes.RateLimited,
                $"At most {_limits.SubscribeRatePerSecond} subscribe or unsubscribe messages a second.");
        }

        if (topics is null)
        {
            throw Refuse(ErrorCodes.InvalidMessage, "The message needs an array 'topics'.");
        }

        if (topics.Length > _limits.TopicsPerMessage)
        {
            throw Refuse(ErrorCodes.TooManyTopics, $"A message may carry at most {_limits.TopicsPerMessage} topics.");
        }

        var results = topics.Select(text => _parser.Parse(text, connection.Identity.CustomerId)).ToArray();
        ThrowFirst(results, ErrorCodes.InvalidTopic, topics);

        var parsed = results.Select(result => result.Topic).OfType<Topic>().ToArray();
        ThrowFirst(results, ErrorCodes.ForbiddenTopic, topics);

        var forbidden = parsed.FirstOrDefault(topic => !TopicAuthorizer.MaySubscribe(connection.Identity, topic));
        if (forbidden is not null)
        {
            throw Refuse(ErrorCodes.ForbiddenTopic, $"The token may not subscribe to '{forbidden.Value}'.");
        }

        return parsed;
    }

    private void ThrowFirst(TopicParseResult[] results, string code, string?[] topics)
    {
        var index = Array.FindIndex(results, result => result.ErrorCode == code);
        if (index >= 0)
        {
            throw Refuse(code, $"'{topics[index]}': {results[index].ErrorMessage}");
        }
    }

    private async Task ApplyAsync(
        RealtimeConnection connection,
        SubscriptionSet.Snapshot snapshot,
        GroupChanges changes)
    {
        try
        {
            // Leave before joining: between the two steps an event may be missed, never delivered twice.
            foreach (var group in changes.ToLeave)
            {
                await _lifetimeManager.RemoveFromGroupAsync(connection.ConnectionId, group);
            }

            foreach (var group in changes.ToJoin)
            {
                await _lifetimeManager.AddToGroupAsync(connection.ConnectionId, group);
            }
        }
        catch (Exception ex)
        {
            Log.GroupChangeFailed(_logger, connection.ConnectionId, ex);
            await RollBackAsync(connection, snapshot, changes);
            throw Refuse(ErrorCodes.InternalError, "The subscription could not be changed; nothing was changed.");
        }
    }

    private async Task RollBackAsync(
        RealtimeConnection connection,
        SubscriptionSet.Snapshot snapshot,
        GroupChanges changes)
    {
        connection.Subscriptions.Restore(snapshot);
        try
        {
            foreach (var group in changes.ToJoin)
            {
                await _lifetimeManager.RemoveFromGroupAsync(connection.ConnectionId, group);
            }

            foreach (var group in changes.ToLeave)
            {
                await _lifetimeManager.AddToGroupAsync(connection.ConnectionId, group);
            }
        }
        catch (Exception ex)
        {
            // The backplane is away; the connection's memberships will be wrong until it reconnects.
            Log.RollBackFailed(_logger, connection.ConnectionId, ex);
            connection.Close(CloseReason.BackplaneFailure);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Changing the groups of connection {ConnectionId} failed; rolling back.",
            EventName = "GroupChangeFailed")]
        public static partial void GroupChangeFailed(ILogger logger, string connectionId, Exception exception);

        [LoggerMessage(2, LogLevel.Error,
            "Rolling back the groups of connection {ConnectionId} failed; closing it so its client resubscribes.",
            EventName = "RollBackFailed")]
        public static partial void RollBackFailed(ILogger logger, string connectionId, Exception exception);
    }
}
