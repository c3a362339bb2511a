using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Delivery;
using VoipBin.Realtime.Hosting;
using VoipBin.Realtime.Hub;

namespace VoipBin.Realtime.RawSocket;

/// <summary>
/// <c>GET /v1.0/ws</c>: accepts a legacy client's WebSocket (the token was checked before the upgrade) and makes
/// it a real hub connection, so raw clients share the hub's groups, rules, delivery path and backplane.
/// </summary>
/// <remarks>
/// Raw connections get a hub connection handler of their own, identical to the one behind <c>/v1.0/hub</c> but
/// offering only the raw protocol; that keeps SignalR clients from choosing it. Their liveness comes from
/// WebSocket ping and pong (<c>RawSocket:KeepAliveInterval</c> and <c>KeepAliveTimeout</c>): the hub's own
/// client timeout never runs on them, because they offer no heartbeat feature.
/// </remarks>
internal sealed partial class RawSocketEndpoint
{
    private readonly HubConnectionHandler<EventHub> _hubHandler;
    private readonly LimitsOptions _limits;
    private readonly RawSocketOptions _options;
    private readonly TimeProvider _time;
    private readonly ConnectionRegistry _registry;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<RawSocketEndpoint> _logger;
    private readonly ILogger<RawSocketSession> _sessionLogger;

    public RawSocketEndpoint(
        IServiceProvider services,
        IOptions<LimitsOptions> limits,
        IOptions<RawSocketOptions> options,
        TimeProvider time,
        ConnectionRegistry registry,
        IHostApplicationLifetime lifetime,
        ILogger<RawSocketEndpoint> logger,
        ILogger<RawSocketSession> sessionLogger)
    {
        _hubHandler = CreateRawHubHandler(services);
        _limits = limits.Value;
        _options = options.Value;
        _time = time;
        _registry = registry;
        _lifetime = lifetime;
        _logger = logger;
        _sessionLogger = sessionLogger;
    }

    private static HubConnectionHandler<EventHub> CreateRawHubHandler(IServiceProvider services)
    {
        // Same lifetime manager, so the same groups; global hub options, so the same filters and limits.
        var rawOnly = new HubOptions<EventHub> { SupportedProtocols = [RawSocketProtocol.ProtocolName] };
        return new HubConnectionHandler<EventHub>(
            services.GetRequiredService<HubLifetimeManager<EventHub>>(),
            services.GetRequiredService<IHubProtocolResolver>(),
            services.GetRequiredService<IOptions<HubOptions>>(),
            Options.Create(rawOnly),
            services.GetRequiredService<ILoggerFactory>(),
            services.GetRequiredService<IUserIdProvider>(),
            services.GetRequiredService<IServiceScopeFactory>());
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem("This endpoint only accepts WebSocket upgrades.",
                statusCode: StatusCodes.Status400BadRequest, title: "WebSocket required").ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = _options.KeepAliveInterval,
            KeepAliveTimeout = _options.KeepAliveTimeout,
        });

        await RunSessionAsync(context, socket);
    }

    private async Task RunSessionAsync(HttpContext context, WebSocket socket)
    {
        var connectionId = $"raw-{Guid.NewGuid():N}";
        var session = new RawSocketSession(
            socket,
            new RawSocketContext(connectionId, _limits, _time, _hubHandler),
            _sessionLogger);

        var connection = new DefaultConnectionContext(connectionId)
        {
            Transport = session.HubTransport,
            User = context.User,
        };
        connection.Features.Set<IHttpContextFeature>(new HttpContextFeature { HttpContext = context });
        connection.Features.Set(session);
        OutboundFeature.Install(connection);

        // Shutting down tells raw clients to reconnect elsewhere (close 1001).
        using var stopping = _lifetime.ApplicationStopping.Register(
            () => _registry.Find(connectionId)?.Close(CloseReason.ShuttingDown));

        Log.Connected(_logger, connectionId);
        await session.RunAsync(connection);
        Log.Disconnected(_logger, connectionId);
    }

    private sealed class HttpContextFeature : IHttpContextFeature
    {
        public HttpContext? HttpContext { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Raw connection {ConnectionId} opened.", EventName = "Connected")]
        public static partial void Connected(ILogger logger, string connectionId);

        [LoggerMessage(2, LogLevel.Debug, "Raw connection {ConnectionId} closed.", EventName = "Disconnected")]
        public static partial void Disconnected(ILogger logger, string connectionId);
    }
}
