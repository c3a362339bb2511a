namespace VoipBin.Realtime.Tests.Auth;

/// <summary>
/// Every row of the contract's permission table, allowed and refused, for a token holding a customer, an agent
/// and the listed permissions. Topics name <c>{customer}</c> and <c>{agent}</c> (the token's own) or
/// <c>{stranger}</c> (an id the token does not hold).
/// </summary>
public static class PermissionTable
{
    public static TheoryData<string, string, bool> Rows { get; } = new()
    {
        // Any topic: the token has project_super_admin.
        { "project_super_admin", "customer_id:{stranger}:call", true },
        { "project_super_admin", "agent_id:{stranger}:call", true },
        { "project_super_admin", "customer_id:{customer}", true },
        { "project_super_admin", "call", true },

        // customer_id:C...: C is the token's customer and it has customer_admin or customer_manager.
        { "customer_admin", "customer_id:{customer}", true },
        { "customer_admin", "customer_id:{customer}:call:x", true },
        { "customer_admin", "call", true },
        { "customer_manager", "customer_id:{customer}:call", true },
        { "customer_manager", "queue:q", true },
        { "customer_admin", "customer_id:{stranger}:call", false },
        { "customer_manager", "customer_id:{stranger}", false },
        { "customer_agent", "customer_id:{customer}:call", false },
        { "customer_agent", "call", false },
        { "event_publisher", "customer_id:{customer}:call", false },
        { "", "call", false },

        // agent_id:A...: A is the token's agent, whatever its permissions.
        { "", "agent_id:{agent}", true },
        { "customer_agent", "agent_id:{agent}:call", true },
        { "customer_admin", "agent_id:{agent}:queue:q", true },
        { "customer_agent", "agent_id:{stranger}:call", false },
        { "customer_admin", "agent_id:{stranger}", false },
        { "customer_manager", "agent_id:{stranger}:call", false },
        { "customer_admin", "agent_id:{customer}:call", false },
        { "customer_admin,customer_manager,customer_agent,event_publisher", "agent_id:{stranger}", false },
    };

    public static string[] PermissionsOf(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string TopicFor(string template, Guid customer, Guid agent, Guid stranger) =>
        template
            .Replace("{customer}", customer.ToString(), StringComparison.Ordinal)
            .Replace("{agent}", agent.ToString(), StringComparison.Ordinal)
            .Replace("{stranger}", stranger.ToString(), StringComparison.Ordinal);
}
