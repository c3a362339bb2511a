using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.Backplane;

/// <summary>
/// Connects to Redis while the host starts rather than on the first client or publish: SignalR's lifetime
/// manager starts its connection when it is created, and this service is what creates it. Start-up waits
/// for the first attempt to end, at most the connect timeout, and never fails for want of Redis.
/// </summary>
internal sealed partial class RedisBackplaneStarter : IHostedService
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    private readonly IServiceProvider _services;
    private readonly RedisBackplaneConnection _connection;
    private readonly TimeSpan _firstAttemptLimit;
    private readonly ILogger<RedisBackplaneStarter> _logger;

    public RedisBackplaneStarter(
        IServiceProvider services,
        RedisBackplaneConnection connection,
        IOptions<RedisOptions> redis,
        ILogger<RedisBackplaneStarter> logger)
    {
        _services = services;
        _connection = connection;
        _firstAttemptLimit = TimeSpan.FromMilliseconds(redis.Value.Configuration.ConnectTimeout) + Slack;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Creating the singleton is what starts its connection.
        _services.GetRequiredService<HubLifetimeManager<EventHub>>();

        try
        {
            await _connection.FirstAttempt.WaitAsync(_firstAttemptLimit, cancellationToken);
        }
        catch (TimeoutException)
        {
            Log.StillConnecting(_logger, _firstAttemptLimit);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "The first attempt to reach Redis took more than {Limit}; starting anyway, not ready until it "
            + "connects.",
            EventName = "StillConnecting")]
        public static partial void StillConnecting(ILogger logger, TimeSpan limit);
    }
}
