using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.Auth;

/// <summary>
/// Closes connections whose token has expired, raw and SignalR alike, within one check interval of the token's
/// <c>exp</c> (plus the configured clock skew). Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class TokenExpiryService : BackgroundService
{
    private readonly ConnectionRegistry _registry;
    private readonly TimeProvider _time;
    private readonly AuthOptions _options;
    private readonly ILogger<TokenExpiryService> _logger;

    public TokenExpiryService(
        ConnectionRegistry registry,
        TimeProvider time,
        IOptions<AuthOptions> options,
        ILogger<TokenExpiryService> logger)
    {
        _registry = registry;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ExpiryCheckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CloseExpired();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    internal void CloseExpired()
    {
        var cutoff = _time.GetUtcNow() - _options.ClockSkew;
        foreach (var connection in _registry.All)
        {
            if (connection.ExpiresAt is { } expiresAt && expiresAt <= cutoff)
            {
                Log.TokenExpired(_logger, connection.ConnectionId);
                _registry.Remove(connection.ConnectionId);
                connection.Close(CloseReason.TokenExpired);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Closing connection {ConnectionId}: its token has expired.",
            EventName = "TokenExpired")]
        public static partial void TokenExpired(ILogger logger, string connectionId);
    }
}
