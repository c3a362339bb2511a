using System.Security.Claims;

namespace VoipBin.Realtime.Auth;

/// <summary>What a validated token says about its bearer: customer, agent and permissions.</summary>
internal sealed class CallerIdentity
{
    internal const string CustomerIdClaim = "customer_id";
    internal const string AgentIdClaim = "agent_id";
    internal const string PermissionsClaim = "permissions";

    private readonly HashSet<string> _permissions;

    /// <summary>Creates an identity from its parts.</summary>
    public CallerIdentity(Guid? customerId, Guid? agentId, IEnumerable<string> permissions)
    {
        CustomerId = customerId;
        AgentId = agentId;
        _permissions = new HashSet<string>(permissions, StringComparer.Ordinal);
    }

    /// <summary>The token's <c>customer_id</c>, when it has a valid one.</summary>
    public Guid? CustomerId { get; }

    /// <summary>The token's <c>agent_id</c>, when it has a valid one.</summary>
    public Guid? AgentId { get; }

    /// <summary>The token's permissions.</summary>
    public IReadOnlyCollection<string> Permissions => _permissions;

    /// <summary>True when the token carries <paramref name="permission"/>.</summary>
    public bool Has(string permission) => _permissions.Contains(permission);

    /// <summary>Reads the identity from a principal built by the JWT bearer handler.</summary>
    public static CallerIdentity FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal is null)
        {
            return new CallerIdentity(null, null, []);
        }

        var permissions = principal.FindAll(PermissionsClaim).Select(claim => claim.Value);
        return new CallerIdentity(
            ReadGuid(principal, CustomerIdClaim),
            ReadGuid(principal, AgentIdClaim),
            permissions);
    }

    /// <summary>The token's expiry, from its <c>exp</c> claim, or null when it has none.</summary>
    public static DateTimeOffset? ReadExpiry(ClaimsPrincipal? principal)
    {
        var exp = principal?.FindFirst("exp")?.Value;
        return long.TryParse(exp, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }

    private static Guid? ReadGuid(ClaimsPrincipal principal, string claimType)
    {
        var value = principal.FindFirst(claimType)?.Value;
        return Guid.TryParse(value, out var id) ? id : null;
    }
}
