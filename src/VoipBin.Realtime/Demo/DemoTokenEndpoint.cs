using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Auth;

namespace VoipBin.Realtime.Demo;

/// <summary>
/// <c>POST /v1.0/demo/token</c>: mints a token for the customer, agent and permissions the demo page asks
/// for, signed with <c>Auth:SigningKey</c>. Anyone who reaches it can mint any token, so it is mapped only in
/// the Development environment; elsewhere the path does not exist.
/// </summary>
/// <remarks>
/// Body: <c>{"customer_id": uuid|null, "agent_id": uuid|null, "permissions": [..], "minutes": 1..1440}</c>,
/// every member optional (60 minutes by default). Answers <c>{"token": "...", "expires_at": "..."}</c>, or
/// 400 with a problem body naming each bad member.
/// </remarks>
internal static partial class DemoTokenEndpoint
{
    public const string Path = "/v1.0/demo/token";

    private const int DefaultMinutes = 60;
    private const int MaxMinutes = 24 * 60;
    private const string InvalidTitle = "Invalid demo token request.";

    /// <summary>Maps the endpoint; the caller decides it is Development.</summary>
    public static void MapDemoTokenEndpoint(this WebApplication app)
    {
        app.MapPost(Path, HandleAsync).AllowAnonymous();
        Log.Enabled(app.Logger, Path);
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<AuthOptions> auth,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(
                context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Invalid(new() { [""] = [$"The body is not valid JSON: {ex.Message}"] });
        }

        DemoTokenRequest? request;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using (document)
        {
            request = DemoTokenRequest.Read(document.RootElement, MaxMinutes, errors);
        }

        if (request is null)
        {
            return Invalid(errors);
        }

        // Whole seconds, as the token's exp claim holds it.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(
            time.GetUtcNow().AddMinutes(request.Minutes ?? DefaultMinutes).ToUnixTimeSeconds());
        var token = TokenIssuer.Issue(
            auth.Value.SigningKey, request.CustomerId, request.AgentId, request.Permissions, expiresAt);

        Log.Issued(
            loggers.CreateLogger(typeof(DemoTokenEndpoint)),
            request.CustomerId,
            request.AgentId,
            string.Join(",", request.Permissions),
            expiresAt);
        return Results.Json(new DemoTokenResponse(token, expiresAt));
    }

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: InvalidTitle);

    private sealed record DemoTokenResponse(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "The demo token endpoint {Path} is mapped because the environment is Development: "
            + "anyone who can reach this server can mint tokens.",
            EventName = "DemoTokenEndpointEnabled")]
        public static partial void Enabled(ILogger logger, string path);

        [LoggerMessage(2, LogLevel.Information,
            "Issued a demo token for customer {CustomerId}, agent {AgentId}, permissions {Permissions}, "
            + "expiring at {ExpiresAt}.",
            EventName = "DemoTokenIssued")]
        public static partial void Issued(
            ILogger logger,
            Guid? customerId,
            Guid? agentId,
            string permissions,
            DateTimeOffset expiresAt);
    }
}
