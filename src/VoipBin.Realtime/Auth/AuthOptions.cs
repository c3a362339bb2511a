namespace VoipBin.Realtime.Auth;

/// <summary>Token validation settings, bound from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>
    /// The development signing key shipped in <c>appsettings.json</c>. Outside Development the server refuses to
    /// start with it.
    /// </summary>
    public const string DevelopmentSigningKey = "voipbin-realtime-development-signing-key-do-not-use-in-production";

    /// <summary>The HS256 key: the UTF-8 bytes of this string, at least 32 bytes.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Clock skew allowed when checking <c>exp</c>. Default zero.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.Zero;
}
