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
    /// Maps <c>/v1.0/hub</c>, <c>/v1.0/ws</c>, <c>/v1.0/events</c>, <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapVoipBinRealtime(this IEndpointRouteBuilder endpoints)
    {
        var limits = endpoints.ServiceProvider.GetRequiredService<IOptions<LimitsOptions>>().Value;

        endpoints.MapConnections(
                HubPath,
                HubTransportOptions(limits),
                connection => connection.Use(next => context =>
                {
                    OutboundFeature.Install(context);
                    return next(context);
                }).UseHub<EventHub>())
            .RequireAuthorization();

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

    private static HttpConnectionDispatcherOptions HubTransportOptions(LimitsOptions limits)
    {
        var options = new HttpConnectionDispatcherOptions();

        // The transport pipe pauses at the outbound budget; OutboundWriter turns that pause into closing the
        // slow connection rather than waiting on it.
        options.ApplicationMaxBufferSize = limits.OutboundQueueBytes;
        options.TransportMaxBufferSize = limits.InboundFrameBytes;
        options.TransportSendTimeout = limits.SendTimeout;
        options.AllowStatefulReconnects = true;
        return options;
    }
}
