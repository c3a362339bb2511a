namespace VoipBin.Realtime.Auth;

/// <summary>The permissions a token's <c>permissions</c> claim may carry.</summary>
public static class Permissions
{
    /// <summary>May subscribe to any topic and publish.</summary>
    public const string ProjectSuperAdmin = "project_super_admin";

    /// <summary>May subscribe to its own customer's topics.</summary>
    public const string CustomerAdmin = "customer_admin";

    /// <summary>May subscribe to its own customer's topics.</summary>
    public const string CustomerManager = "customer_manager";

    /// <summary>May subscribe to its own agent's topics (as any token may).</summary>
    public const string CustomerAgent = "customer_agent";

    /// <summary>May publish events (service tokens).</summary>
    public const string EventPublisher = "event_publisher";

    /// <summary>Every known permission.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ProjectSuperAdmin, CustomerAdmin, CustomerManager, CustomerAgent, EventPublisher];
}
