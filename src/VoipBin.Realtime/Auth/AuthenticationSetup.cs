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
