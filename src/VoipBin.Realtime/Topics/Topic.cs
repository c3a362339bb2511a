namespace VoipBin.Realtime.Topics;

/// <summary>
/// A topic in full form, <c>&lt;scope&gt;:&lt;scope_id&gt;[:&lt;resource&gt;[:&lt;resource_id&gt;...]]</c>, already
/// validated and normalised (the scope id in lower-case canonical UUID form).
/// </summary>
/// <remarks>
/// A subscription matches an event topic when its segments are a prefix of the event topic's segments,
/// so <c>customer_id:C:call</c> matches <c>customer_id:C:call:X</c> and never <c>customer_id:C:callrecording</c>.
/// </remarks>
internal sealed class Topic : IEquatable<Topic>
{
    internal const char Separator = ':';

    internal Topic(string value, TopicScope scope, Guid scopeId, int segmentCount)
    {
        Value = value;
        Scope = scope;
        ScopeId = scopeId;
        SegmentCount = segmentCount;
    }

    /// <summary>The full-form text, which is also the name of the topic's SignalR group.</summary>
    public string Value { get; }

    /// <summary>Whether the topic belongs to a customer or to an agent.</summary>
    public TopicScope Scope { get; }

    /// <summary>The customer or agent the topic belongs to.</summary>
    public Guid ScopeId { get; }

    /// <summary>How many <c>:</c>-separated segments the topic has, at least two.</summary>
    public int SegmentCount { get; }

    /// <summary>True when the topic names at least a resource, as a published event's topic must.</summary>
    public bool NamesResource => SegmentCount >= 3;

    /// <summary>
    /// The topic's prefixes that are themselves subscribable, broadest first and ending with the topic itself:
    /// the groups an event on this topic is sent to.
    /// </summary>
    public IReadOnlyList<string> SubscribablePrefixes()
    {
        var prefixes = new string[SegmentCount - 1];
        var end = Value.IndexOf(Separator, Value.IndexOf(Separator) + 1);

        for (var i = 0; i < prefixes.Length - 1; i++)
        {
            prefixes[i] = Value[..end];
            end = Value.IndexOf(Separator, end + 1);
        }

        prefixes[^1] = Value;
        return prefixes;
    }

    /// <summary>True when this subscription topic matches <paramref name="eventTopic"/> by whole segments.</summary>
    public bool Matches(Topic eventTopic) => IsPrefixOf(Value, eventTopic.Value);

    /// <summary>
    /// True when <paramref name="prefix"/> equals <paramref name="topic"/> or covers it by whole segments.
    /// </summary>
    internal static bool IsPrefixOf(string prefix, string topic)
    {
        if (!topic.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return topic.Length == prefix.Length || topic[prefix.Length] == Separator;
    }

    /// <inheritdoc />
    public bool Equals(Topic? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Topic);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
