using System.Collections.Concurrent;

namespace VoipBin.Realtime.Hub;

/// <summary>The connections open on this instance, for expiry checks, metrics and shutdown.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, RealtimeConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public IEnumerable<RealtimeConnection> All => _connections.Values;

    public void Add(RealtimeConnection connection) => _connections[connection.ConnectionId] = connection;

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public RealtimeConnection? Find(string connectionId) =>
        _connections.TryGetValue(connectionId, out var connection) ? connection : null;
}
