using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hosting;

namespace VoipBin.Realtime.Hub;

/// <summary>
/// Every <c>Limits:CheckInterval</c>, closes connections whose token has expired (raw and SignalR alike, allowing
/// <c>Auth:ClockSkew</c>) and WebSocket connections with a frame stuck past <c>Limits:SendTimeout</c>. One sweep over
/// the open connections replaces a timer per connection or per frame. Time comes from the injected
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ConnectionWatchdog : BackgroundService
{
    private readonly ConnectionRegistry _registry;
    private readonly TimeProvider _time;
    private readonly LimitsOptions _limits;
    private readonly TimeSpan _clockSkew;

    public ConnectionWatchdog(
        ConnectionRegistry registry,
        TimeProvider time,
        IOptions<LimitsOptions> limits,
        IOptions<Auth.AuthOptions> auth)
    {
        _registry = registry;
        _time = time;
        _limits = limits.Value;
        _clockSkew = auth.Value.ClockSkew;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_limits.CheckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Sweep();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    internal void Sweep()
    {
        var expiryCutoff = _time.GetUtcNow() - _clockSkew;
        foreach (var connection in _registry.All)
        {
            if (connection.ExpiresAt is { } expiresAt && expiresAt <= expiryCutoff)
            {
                connection.Close(CloseReason.TokenExpired);
            }
            else if (connection.SendWatch?.IsOverdue(_limits.SendTimeout) == true)
            {
                connection.Close(CloseReason.SendTimeout);
            }
        }
    }
}
