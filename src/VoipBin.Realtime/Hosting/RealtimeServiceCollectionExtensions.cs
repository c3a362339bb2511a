using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Auth;
using VoipBin.Realtime.Backplane;
using VoipBin.Realtime.Hub;
using VoipBin.Realtime.Operations;
using VoipBin.Realtime.Publishing;
using VoipBin.Realtime.RawSocket;
using Microsoft.AspNetCore.SignalR.Protocol;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.Hosting;

/// <summary>Registers the event hub and everything around it.</summary>
public static class RealtimeServiceCollectionExtensions
{
    private const int StatefulReconnectBudgets = 16;

    /// <summary>
    /// Adds the hub, its protocols, token validation, publishing and metrics, with settings bound from
    /// <paramref name="configuration"/> and validated when the host starts.
    /// </summary>
    public static IServiceCollection AddVoipBinRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        AddSettings(services, configuration);
        AddAuthentication(services);
        AddHub(services);
        if (RedisBackplaneOptions.IsConfigured(configuration))
        {
            RedisBackplaneRegistration.AddRedisBackplane(services, configuration);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TopicParser>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<RealtimeMetrics>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<EventValidator>();
        services.AddSingleton<IEventPublisher, EventPublisher>();
        services.TryAddSingleton<IBackplaneGate, InMemoryBackplaneGate>();
        services.AddSingleton<OriginGuard>();
        services.AddHostedService<ConnectionWatchdog>();
        services.AddHealthChecks();
        return services;
    }

    private static void AddSettings(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PublishingOptions>().Bind(configuration.GetSection(PublishingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RawSocketOptions>().Bind(configuration.GetSection(RawSocketOptions.Section))
            .ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
    }

    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.ConfigureOptions<AuthenticationSetup>();
        services.AddAuthorizationBuilder().AddPolicy(AuthenticationSetup.PublisherPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => TopicAuthorizer.MayPublish(CallerIdentity.FromPrincipal(context.User))));
    }

    private static void AddHub(IServiceCollection services)
    {
        services.AddSignalR(hub => hub.AddFilter<RawReplyFilter>())
            .AddMessagePackProtocol(options =>
                options.SerializerOptions = EventPayloadMessagePackFormatter.SerializerOptions);

        // Registered like SignalR's own protocols, so every instance serialises events for raw clients too
        // (a publishing node serialises for each registered protocol, for all instances).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHubProtocol, RawSocketProtocol>());
        services.AddSingleton<RawReplyFilter>();
        services.AddSingleton<RawSocketEndpoint>();

        services.AddOptions<HubOptions>().Configure<IOptions<LimitsOptions>>((hub, limits) =>
        {
            // Room for the raw protocol's length prefix on top of the largest frame a raw client may send.
            hub.MaximumReceiveMessageSize = limits.Value.InboundFrameBytes + RawSocketProtocol.LengthPrefixBytes;

            // One invocation at a time per connection: subscription changes apply in the order sent, and
            // the per-connection subscription set needs no lock.
            hub.MaximumParallelInvocationsPerClient = 1;

            // A stateful-reconnect connection's writes wait, with no timeout, once this many bytes are
            // unacknowledged, and a waiting write holds up its group's sends. Far above the outbound budget,
            // a stalled client is closed by the budget or the send timeout long before it is reached.
            hub.StatefulReconnectBufferSize = (long)limits.Value.OutboundQueueBytes * StatefulReconnectBudgets;
        });

        // SignalR clients choose between these two; the raw socket's protocol is for /v1.0/ws only.
        services.AddOptions<HubOptions<EventHub>>().Configure(hub => hub.SupportedProtocols = ["json", "messagepack"]);
    }
}
