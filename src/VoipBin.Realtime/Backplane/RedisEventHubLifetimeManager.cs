using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.Backplane;

/// <summary>
/// SignalR's Redis lifetime manager for the event hub, with every group name spelled by
/// <see cref="RedisGroupName"/> on the way in, so groups stay case-sensitive as topics are. Everything else is
/// SignalR's own.
/// </summary>
internal sealed class RedisEventHubLifetimeManager : RedisHubLifetimeManager<EventHub>
{
    public RedisEventHubLifetimeManager(
        ILogger<RedisHubLifetimeManager<EventHub>> logger,
        IOptions<RedisOptions> options,
        IHubProtocolResolver hubProtocolResolver,
        IOptions<HubOptions> globalHubOptions,
        IOptions<HubOptions<EventHub>> hubOptions)
        : base(logger, options, hubProtocolResolver, globalHubOptions, hubOptions)
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
