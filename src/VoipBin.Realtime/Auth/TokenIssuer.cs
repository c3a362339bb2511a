using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VoipBin.Realtime.Auth;

/// <summary>Mints HS256 tokens in the contract's shape, for the <c>token</c> command and the demo page.</summary>
internal static class TokenIssuer
{
    public static SymmetricSecurityKey CreateKey(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    public static string Issue(
        string signingKey,
        Guid? customerId,
        Guid? agentId,
        IReadOnlyCollection<string> permissions,
        DateTimeOffset expiresAt)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [CallerIdentity.PermissionsClaim] = permissions.ToArray(),
        };

        if (customerId is { } customer)
        {
            claims[CallerIdentity.CustomerIdClaim] = customer.ToString("D");
        }

        if (agentId is { } agent)
        {
            claims[CallerIdentity.AgentIdClaim] = agent.ToString("D");
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(CreateKey(signingKey), SecurityAlgorithms.HmacSha256),
        };

        // Only exp is set: nbf and iat would make a token minted with a past expiry (for tests) look odd.
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(descriptor);
    }
}
