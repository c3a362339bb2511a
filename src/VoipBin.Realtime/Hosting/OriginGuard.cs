using Microsoft.Extensions.Options;

namespace VoipBin.Realtime.Hosting;

/// <summary>
/// Refuses browser requests from origins not on <c>Limits:AllowedOrigins</c>. A WebSocket upgrade is not covered
/// by CORS, so without this check any web page could open a socket with a user's token. Requests without an
/// <c>Origin</c> header (servers, native clients) and same-origin requests (the demo page) pass.
/// </summary>
internal sealed partial class OriginGuard : IMiddleware
{
    private readonly HashSet<string> _allowed;
    private readonly ILogger<OriginGuard> _logger;

    public OriginGuard(IOptions<LimitsOptions> limits, ILogger<OriginGuard> logger)
    {
        var origins = limits.Value.AllowedOrigins.Select(origin => origin.TrimEnd('/'));
        _allowed = new HashSet<string>(origins, StringComparer.OrdinalIgnoreCase);
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsSameOrigin(context.Request, origin) || _allowed.Contains(origin))
        {
            return next(context);
        }

        Log.OriginRefused(_logger, origin, context.Request.Path);
        return TypedResultsProblem(context);
    }

    private static bool IsSameOrigin(HttpRequest request, string origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    private static Task TypedResultsProblem(HttpContext context) =>
        Results.Problem(
                "This origin is not in Limits:AllowedOrigins.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Origin not allowed")
            .ExecuteAsync(context);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Refused a request from origin {Origin} to {Path}.",
            EventName = "OriginRefused")]
        public static partial void OriginRefused(ILogger logger, string origin, PathString path);
    }
}
