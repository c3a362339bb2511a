namespace VoipBin.Realtime.Topics;

/// <summary>
/// The stable error codes a client sees, shared by the raw socket and the SignalR hub so that both refuse
/// the same input with the same code.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The frame is not valid JSON.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>Valid JSON that is not an object, or lacks an array <c>topics</c>.</summary>
    public const string InvalidMessage = "invalid_message";

    /// <summary>The message's <c>type</c> is neither subscribe nor unsubscribe.</summary>
    public const string UnknownType = "unknown_type";

    /// <summary>A topic that is not well formed.</summary>
    public const string InvalidTopic = "invalid_topic";

    /// <summary>A well-formed topic the token may not subscribe to.</summary>
    public const string ForbiddenTopic = "forbidden_topic";

    /// <summary>More topics than a message or a connection may hold.</summary>
    public const string TooManyTopics = "too_many_topics";

    /// <summary>Subscribe and unsubscribe messages arrive faster than the connection's token bucket allows.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The server failed while applying the request; nothing was changed.</summary>
    public const string InternalError = "internal_error";
}
