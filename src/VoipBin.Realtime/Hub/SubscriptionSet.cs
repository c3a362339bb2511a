using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.Hub;

/// <summary>
/// One connection's subscriptions, and the groups it must be a member of so that it receives each matching
/// event exactly once.
/// </summary>
/// <remarks>
/// An event on topic T is sent to the group of every prefix of T. A connection subscribed to both <c>call</c>
/// and <c>call:X</c> would therefore get an event on <c>call:X</c> twice if it were in both groups, so it is kept
/// only in the groups of its broadest subscriptions: those no other subscription of the same connection covers.
/// When a broad subscription goes, the narrower ones it covered become group memberships again. The cost of a
/// publish stays the depth of its topic, whatever the number of subscriptions.
/// </remarks>
internal sealed class SubscriptionSet
{
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private HashSet<string> _groups = new(StringComparer.Ordinal);

    public int Count => _topics.Count;

    public IReadOnlyCollection<string> Groups => _groups;

    public string[] ToSortedArray()
    {
        var topics = _topics.ToArray();
        Array.Sort(topics, StringComparer.Ordinal);
        return topics;
    }

    /// <summary>How many topics the set would hold after adding <paramref name="topics"/>.</summary>
    public int CountAfterAdding(IEnumerable<Topic> topics) =>
        _topics.Count + topics.Select(t => t.Value).Distinct(StringComparer.Ordinal).Count(t => !_topics.Contains(t));

    /// <summary>Adds topics and returns the group changes that bring memberships in line.</summary>
    public GroupChanges Add(IEnumerable<Topic> topics)
    {
        foreach (var topic in topics)
        {
            _topics.Add(topic.Value);
        }

        return Rebalance();
    }

    /// <summary>Removes topics (missing ones are ignored) and returns the group changes.</summary>
    public GroupChanges Remove(IEnumerable<Topic> topics)
    {
        foreach (var topic in topics)
        {
            _topics.Remove(topic.Value);
        }

        return Rebalance();
    }

    /// <summary>Puts back a snapshot taken before a change whose group operations failed.</summary>
    public void Restore(Snapshot snapshot)
    {
        _topics.Clear();
        _topics.UnionWith(snapshot.Topics);
        _groups = new HashSet<string>(snapshot.Groups, StringComparer.Ordinal);
    }

    public Snapshot TakeSnapshot() => new(_topics.ToArray(), _groups.ToArray());

    private GroupChanges Rebalance()
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in _topics)
        {
            if (!IsCoveredByAnother(topic))
            {
                wanted.Add(topic);
            }
        }

        var toLeave = _groups.Where(group => !wanted.Contains(group)).ToArray();
        var toJoin = wanted.Where(group => !_groups.Contains(group)).ToArray();
        _groups = wanted;
        return new GroupChanges(toJoin, toLeave);
    }

    private bool IsCoveredByAnother(string topic)
    {
        // A subscription always has its scope and scope id, so the shortest proper prefix has two segments.
        var end = topic.IndexOf(Topic.Separator);
        while ((end = topic.IndexOf(Topic.Separator, end + 1)) > 0)
        {
            if (_topics.Contains(topic[..end]))
            {
                return true;
            }
        }

        return false;
    }

    internal readonly record struct Snapshot(string[] Topics, string[] Groups);
}

/// <summary>Groups a connection must join and leave after a subscription change.</summary>
internal readonly record struct GroupChanges(string[] ToJoin, string[] ToLeave)
{
    public bool IsEmpty => ToJoin.Length == 0 && ToLeave.Length == 0;
}
