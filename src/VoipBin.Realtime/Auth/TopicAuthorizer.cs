using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.Auth;

/// <summary>
/// The permission table of the contract, in one place for every entry point:
/// <list type="bullet">
/// <item><c>project_super_admin</c> may subscribe to any topic;</item>
/// <item><c>customer_id:C...</c> needs C to be the token's customer and <c>customer_admin</c> or
/// <c>customer_manager</c>;</item>
/// <item><c>agent_id:A...</c> needs A to be the token's agent.</item>
/// </list>
/// </summary>
internal static class TopicAuthorizer
{
    /// <summary>True when <paramref name="caller"/> may subscribe to <paramref name="topic"/>.</summary>
    public static bool MaySubscribe(CallerIdentity caller, Topic topic)
    {
        if (caller.Has(Permissions.ProjectSuperAdmin))
        {
            return true;
        }

        return topic.Scope switch
        {
            TopicScope.Customer => caller.CustomerId == topic.ScopeId
                && (caller.Has(Permissions.CustomerAdmin) || caller.Has(Permissions.CustomerManager)),
            TopicScope.Agent => caller.AgentId == topic.ScopeId,
            _ => false,
        };
    }

    /// <summary>True when <paramref name="caller"/> may publish events.</summary>
    public static bool MayPublish(CallerIdentity caller) =>
        caller.Has(Permissions.EventPublisher) || caller.Has(Permissions.ProjectSuperAdmin);
}
