using VoipBin.Realtime.Auth;

namespace VoipBin.Realtime.Tests.Infrastructure;

/// <summary>Mints tokens with the test hosts' signing key.</summary>
public static class TestTokens
{
    public const string SigningKey = "voipbin-realtime-test-signing-key-0123456789abcdef";

    public static string For(Guid? customer, Guid? agent, params string[] permissions) =>
        TokenIssuer.Issue(SigningKey, customer, agent, permissions, DateTimeOffset.UtcNow.AddHours(1));

    public static string Expiring(DateTimeOffset expiresAt, Guid? customer, Guid? agent, params string[] permissions) =>
        TokenIssuer.Issue(SigningKey, customer, agent, permissions, expiresAt);

    /// <summary>
    /// An expiry at least <paramref name="seconds"/> away with no fraction of a second: a token's <c>exp</c> holds
    /// whole seconds, so only such a deadline is the one the server applies.
    /// </summary>
    public static DateTimeOffset WholeSecondsFromNow(int seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + seconds + 1);

    public static string Publisher() => For(null, null, Permissions.EventPublisher);

    public static string SuperAdmin() => For(null, null, Permissions.ProjectSuperAdmin);

    public static string CustomerAdmin(Guid customer) =>
        For(customer, Guid.NewGuid(), Permissions.CustomerAdmin);
}
