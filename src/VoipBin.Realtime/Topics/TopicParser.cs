using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hosting;

namespace VoipBin.Realtime.Topics;

/// <summary>
/// Parses, validates and normalises topics in full and short form. Shape is always checked before anything
/// else, so a malformed topic is <c>invalid_topic</c> whoever asks.
/// </summary>
internal sealed class TopicParser
{
    internal const string CustomerScope = "customer_id";
    internal const string AgentScope = "agent_id";

    private readonly int _maxLength;
    private readonly int _maxSegments;

    /// <summary>Creates a parser with the topic limits of <see cref="LimitsOptions"/>.</summary>
    public TopicParser(IOptions<LimitsOptions> limits)
    {
        _maxLength = limits.Value.TopicMaxLength;
        _maxSegments = limits.Value.TopicMaxSegments;
    }

    /// <summary>
    /// Parses a subscription topic. A topic whose first segment is not a scope is short form and means
    /// <c>customer_id:&lt;shortFormCustomer&gt;:&lt;text&gt;</c>.
    /// </summary>
    public TopicParseResult Parse(string? text, Guid? shortFormCustomer)
    {
        if (string.IsNullOrEmpty(text))
        {
            return TopicParseResult.Invalid("A topic must not be empty.");
        }

        var segments = text.Split(Topic.Separator);
        var shapeError = FindShapeError(segments);
        if (shapeError is not null)
        {
            return TopicParseResult.Invalid(shapeError);
        }

        return IsScope(segments[0])
            ? ParseFullForm(segments)
            : ExpandShortForm(segments, shortFormCustomer);
    }

    /// <summary>Parses a topic that must be in full form, such as a published event's topic.</summary>
    public TopicParseResult ParseFullForm(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return TopicParseResult.Invalid("A topic must not be empty.");
        }

        var segments = text.Split(Topic.Separator);
        var shapeError = FindShapeError(segments);
        if (shapeError is not null)
        {
            return TopicParseResult.Invalid(shapeError);
        }

        if (!IsScope(segments[0]))
        {
            return TopicParseResult.Invalid(
                $"The topic must start with '{CustomerScope}' or '{AgentScope}' followed by a UUID.");
        }

        return ParseFullForm(segments);
    }

    private TopicParseResult ParseFullForm(string[] segments)
    {
        if (segments.Length < 2 || !Guid.TryParseExact(segments[1], "D", out var scopeId))
        {
            return TopicParseResult.Invalid($"The scope '{segments[0]}' must be followed by a UUID.");
        }

        segments[1] = scopeId.ToString("D");
        var scope = segments[0] == CustomerScope ? TopicScope.Customer : TopicScope.Agent;
        return Build(segments, scope, scopeId);
    }

    private TopicParseResult ExpandShortForm(string[] segments, Guid? customer)
    {
        // Every customer id is as long as any other, so the limits are checked before asking whose it is: a short
        // form too long to expand is malformed (invalid_topic) whether or not the token has a customer.
        var expanded = new string[segments.Length + 2];
        expanded[0] = CustomerScope;
        expanded[1] = (customer ?? Guid.Empty).ToString("D");
        segments.CopyTo(expanded, 2);
        var limitError = FindLimitError(expanded);
        if (limitError is not null)
        {
            return TopicParseResult.Invalid(limitError);
        }

        if (customer is null)
        {
            return TopicParseResult.Forbidden(
                "A short-form topic needs a token with a customer_id; use the full form.");
        }

        return Build(expanded, TopicScope.Customer, customer.Value);
    }

    private TopicParseResult Build(string[] segments, TopicScope scope, Guid scopeId)
    {
        var limitError = FindLimitError(segments);
        if (limitError is not null)
        {
            return TopicParseResult.Invalid(limitError);
        }

        var value = string.Join(Topic.Separator, segments);
        return TopicParseResult.Success(new Topic(value, scope, scopeId, segments.Length));
    }

    private string? FindLimitError(string[] segments)
    {
        if (segments.Length > _maxSegments)
        {
            return $"A topic has at most {_maxSegments} segments.";
        }

        var length = segments.Length - 1 + segments.Sum(segment => segment.Length);
        if (length > _maxLength)
        {
            return $"A topic is at most {_maxLength} characters long.";
        }

        return null;
    }

    private static bool IsScope(string segment) => segment is CustomerScope or AgentScope;

    private static string? FindShapeError(string[] segments)
    {
        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                return "A topic's segments must not be empty.";
            }

            foreach (var c in segment)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    return "A topic must not contain whitespace or control characters.";
                }
            }
        }

        return null;
    }
}
