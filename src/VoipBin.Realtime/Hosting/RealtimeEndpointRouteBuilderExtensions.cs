using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Prometheus;
using VoipBin.Realtime.Auth;
using VoipBin.Realtime.Delivery;
using VoipBin.Realtime.Hub;
using VoipBin.Realtime.Operations;
using VoipBin.Realtime.Publishing;
using VoipBin.Realtime.RawSocket;

namespace VoipBin.Realtime.Hosting;

/// <summary>Maps the endpoints of the contract.</summary>
public static class RealtimeEndpointRouteBuilderExtensions
{
    /// <summary>The SignalR hub's path.</summary>
    public const string HubPath = "/v1.0/hub";

    /// <summary>The legacy raw WebSocket endpoint's path.</summary>
    public const string RawSocketPath = "/v1.0/ws";

    /// <summary>The publishing endpoint's path.</summary>
    public const string EventsPath = "/v1.0/events";

    /// <summary>
    /// Maps <c>/v1.0/hub</c>, <c>/v1.0/ws</c>, <c>/v1.0/events</c>, <c>/healthz</c>, <c>/readyz</c> and
    /// <c>/metrics</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapVoipBinRealtime(this IEndpointRouteBuilder endpoints)
    {
        var limits = endpoints.ServiceProvider.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var time = endpoints.ServiceProvider.GetRequiredService<TimeProvider>();

        endpoints.MapConnections(
                HubPath,
                HubTransportOptions(limits),
                connection => connection.Use(next => context =>
                {
                    OutboundFeature.Install(context);
                    return next(context);
                }).UseHub<EventHub>())
            .RequireAuthorization()
            .Add(endpoint => WatchWebSocketSends(endpoint, time));

        var rawSocket = endpoints.ServiceProvider.GetRequiredService<RawSocketEndpoint>();
        endpoints.MapGet(RawSocketPath, rawSocket.HandleAsync).RequireAuthorization();

        endpoints.MapPost(EventsPath, PublishEndpoint.HandleAsync)
            .RequireAuthorization(AuthenticationSetup.PublisherPolicy);

        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz");

        var metrics = endpoints.ServiceProvider.GetRequiredService<RealtimeMetrics>();
        endpoints.MapMetrics("/metrics", metrics.Registry);
        return endpoints;
    }

    private static void WatchWebSocketSends(EndpointBuilder endpoint, TimeProvider time)
    {
        if (endpoint.RequestDelegate is not { } next)
        {
            return;
        }

        endpoint.RequestDelegate = context =>
        {
            WatchedWebSocketFeature.Install(context, time);
            return next(context);
        };
    }

    private static HttpConnectionDispatcherOptions HubTransportOptions(LimitsOptions limits)
    {
        var options = new HttpConnectionDispatcherOptions();

        // TransportMaxBufferSize bounds what the hub writes for the transport to send: that pipe pauses at the
        // outbound budget, and OutboundWriter turns the pause into closing the slow connection rather than
        // waiting on it. ApplicationMaxBufferSize bounds what the client sends before the hub reads it.
        options.TransportMaxBufferSize = limits.OutboundQueueBytes;
        options.ApplicationMaxBufferSize = limits.InboundFrameBytes;
        // WebSocket sends are timed by the connection watchdog, which counts them; the transport's own timeout is
        // the backstop for Server-Sent Events and for a connection the watchdog has already asked to close.
        options.TransportSendTimeout = limits.SendTimeout * 2;
        options.AllowStatefulReconnects = true;
        return options;
    }
}
