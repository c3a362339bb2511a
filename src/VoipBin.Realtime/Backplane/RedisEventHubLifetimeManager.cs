using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.Backplane;

/// <summary>
/// SignalR's Redis lifetime manager for the event hub, with two changes. Every group name is spelled by
/// <see cref="RedisGroupName"/> on the way in, so groups stay case-sensitive as topics are. And a publish
/// is serialised for every registered protocol, the raw socket's included: the publishing instance
/// serialises for all receiving instances, and the hub's own protocol list (JSON and MessagePack, what
/// SignalR clients may choose) would leave raw clients elsewhere with a message they cannot be sent,
/// closing them. Everything else is SignalR's own.
/// </summary>
internal sealed class RedisEventHubLifetimeManager : RedisHubLifetimeManager<EventHub>
{
    // The constructor without hub options is the one that serialises for every protocol of the resolver.
    public RedisEventHubLifetimeManager(
        ILogger<RedisHubLifetimeManager<EventHub>> logger,
        IOptions<RedisOptions> options,
        IHubProtocolResolver hubProtocolResolver)
        : base(logger, options, hubProtocolResolver)
    {
    }

    public override Task AddToGroupAsync(
        string connectionId,
        string groupName,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return base.AddToGroupAsync(connectionId, RedisGroupName.Encode(groupName), cancellationToken);
    }

    public override Task RemoveFromGroupAsync(
        string connectionId,
        string groupName,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return base.RemoveFromGroupAsync(connectionId, RedisGroupName.Encode(groupName), cancellationToken);
    }

    public override Task SendGroupAsync(
        string groupName,
        string methodName,
        object?[] args,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return base.SendGroupAsync(RedisGroupName.Encode(groupName), methodName, args, cancellationToken);
    }

    public override Task SendGroupExceptAsync(
        string groupName,
        string methodName,
        object?[] args,
        IReadOnlyList<string> excludedConnectionIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return base.SendGroupExceptAsync(
            RedisGroupName.Encode(groupName), methodName, args, excludedConnectionIds, cancellationToken);
    }

    public override Task SendGroupsAsync(
        IReadOnlyList<string> groupNames,
        string methodName,
        object?[] args,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        return base.SendGroupsAsync(RedisGroupName.Encode(groupNames), methodName, args, cancellationToken);
    }
}
