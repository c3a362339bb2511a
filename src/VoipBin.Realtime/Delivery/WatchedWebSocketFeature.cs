using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Features;

namespace VoipBin.Realtime.Delivery;

/// <summary>
/// Hands SignalR's WebSocket transport a <see cref="WatchedWebSocket"/> and leaves the <see cref="SendWatch"/> on
/// the request, where the hub picks it up when the connection starts.
/// </summary>
internal sealed class WatchedWebSocketFeature : IHttpWebSocketFeature
{
    private readonly IHttpWebSocketFeature _inner;
    private readonly SendWatch _watch;

    private WatchedWebSocketFeature(IHttpWebSocketFeature inner, SendWatch watch)
    {
        _inner = inner;
        _watch = watch;
    }

    public bool IsWebSocketRequest => _inner.IsWebSocketRequest;

    /// <summary>Installs the feature on a WebSocket request; other requests are left alone.</summary>
    public static void Install(HttpContext context, TimeProvider time)
    {
        if (context.Features.Get<IHttpWebSocketFeature>() is { IsWebSocketRequest: true } inner)
        {
            var watch = new SendWatch(time);
            context.Features.Set<IHttpWebSocketFeature>(new WatchedWebSocketFeature(inner, watch));
            context.Features.Set(watch);
        }
    }

    public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext context) =>
        new WatchedWebSocket(await _inner.AcceptAsync(context), _watch);
}
