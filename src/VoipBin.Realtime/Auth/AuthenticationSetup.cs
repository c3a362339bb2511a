using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace VoipBin.Realtime.Auth;

/// <summary>
/// Configures ASP.NET Core's JWT bearer handler for the contract's tokens: HS256 with <c>Auth:SigningKey</c>,
/// read from <c>?token=</c>, <c>?access_token=</c> or <c>Authorization: Bearer</c>, answering 401 and 403 with a
/// problem body before any upgrade.
/// </summary>
internal sealed class AuthenticationSetup : IConfigureNamedOptions<JwtBearerOptions>
{
    public const string PublisherPolicy = "event-publisher";

    private static readonly HashSet<string> NeededClaims = new(StringComparer.Ordinal)
    {
        CallerIdentity.CustomerIdClaim,
        CallerIdentity.AgentIdClaim,
        CallerIdentity.PermissionsClaim,
        "exp",
    };

    private readonly AuthOptions _auth;
    private readonly TimeProvider _time;

    public AuthenticationSetup(IOptions<AuthOptions> auth, TimeProvider time)
    {
        _auth = auth.Value;
        _time = time;
    }

    public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.TimeProvider = _time;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = TokenIssuer.CreateKey(_auth.SigningKey),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = _auth.ClockSkew,
        };

        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = ReadTokenFromQuery,
            OnTokenValidated = KeepOnlyNeededClaims,
            OnChallenge = WriteUnauthorizedAsync,
            OnForbidden = WriteForbiddenAsync,
        };
    }

    private static Task ReadTokenFromQuery(MessageReceivedContext context)
    {
        if (!string.IsNullOrEmpty(context.Token) || context.Request.Headers.Authorization.Count > 0)
        {
            return Task.CompletedTask;
        }

        var query = context.Request.Query;
        var token = query["token"].FirstOrDefault() ?? query["access_token"].FirstOrDefault();
        if (!string.IsNullOrEmpty(token))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Replaces the handler's principal with one holding only the claims the hub reads. A WebSocket request lives
    /// as long as its connection, and the handler's principal would keep the whole parsed token (and its
    /// validation parameters) alive with it: kilobytes per idle connection that nothing needs.
    /// </summary>
    private static Task KeepOnlyNeededClaims(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is not { } identity)
        {
            return Task.CompletedTask;
        }

        var claims = context.Principal.Claims
            .Where(claim => NeededClaims.Contains(claim.Type))
            .Select(claim => new Claim(claim.Type, claim.Value));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, identity.AuthenticationType));
        return Task.CompletedTask;
    }

    private static Task WriteUnauthorizedAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var detail = context.AuthenticateFailure is null
            ? "A token is required: ?token=, ?access_token= or Authorization: Bearer."
            : "The token is malformed, badly signed or expired.";

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail).ExecuteAsync(context.HttpContext);
    }

    private static Task WriteForbiddenAsync(ForbiddenContext context) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", "The token lacks the permission this endpoint needs.")
            .ExecuteAsync(context.HttpContext);

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
