namespace VoipBin.Realtime.Topics;

/// <summary>The outcome of parsing one topic: either the topic or an error code with a message.</summary>
internal readonly record struct TopicParseResult(Topic? Topic, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>True when the text was a valid topic.</summary>
    public bool IsValid => Topic is not null;

    internal static TopicParseResult Success(Topic topic) => new(topic, null, null);

    internal static TopicParseResult Invalid(string message) => new(null, ErrorCodes.InvalidTopic, message);

    internal static TopicParseResult Forbidden(string message) => new(null, ErrorCodes.ForbiddenTopic, message);
}
