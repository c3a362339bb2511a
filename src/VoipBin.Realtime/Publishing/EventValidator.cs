using System.Text.Json;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hosting;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.Publishing;

/// <summary>An event checked and ready to send: its topic, the groups it goes to and its serialised payload.</summary>
internal sealed record PreparedEvent(Topic Topic, IReadOnlyList<string> Groups, EventPayload Payload);

/// <summary>Checks events against the publishing rules of the contract and prepares the valid ones.</summary>
internal sealed class EventValidator
{
    private const int MaxTypeLength = 128;

    private readonly TopicParser _parser;
    private readonly PublishingOptions _options;

    public EventValidator(TopicParser parser, IOptions<PublishingOptions> options)
    {
        _parser = parser;
        _options = options.Value;
    }

    public int MaxEventsPerRequest => _options.MaxEventsPerRequest;

    /// <summary>Prepares a whole batch, or throws naming every invalid field so that nothing is published.</summary>
    public PreparedEvent[] PrepareAll(IReadOnlyList<PlatformEvent> events)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (events.Count == 0 || events.Count > _options.MaxEventsPerRequest)
        {
            errors[""] = [$"Publish between 1 and {_options.MaxEventsPerRequest} events at a time."];
            throw new EventValidationException(errors);
        }

        var prepared = new List<PreparedEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (Prepare(i, events[i], errors) is { } ready)
            {
                prepared.Add(ready);
            }
        }

        if (errors.Count > 0)
        {
            throw new EventValidationException(errors);
        }

        return prepared.ToArray();
    }

    /// <summary>Prepares one event, adding its errors (keyed <c>[index].field</c>) when it is invalid.</summary>
    public PreparedEvent? Prepare(int index, PlatformEvent candidate, IDictionary<string, string[]> errors)
    {
        var errorsBefore = errors.Count;
        var topic = _parser.ParseFullForm(candidate.Topic);
        if (topic.Topic is null)
        {
            errors[$"[{index}].topic"] = [topic.ErrorMessage ?? "The topic is not valid."];
        }
        else if (!topic.Topic.NamesResource)
        {
            errors[$"[{index}].topic"] = ["An event's topic must name at least a resource: <scope>:<id>:<resource>."];
        }

        if (string.IsNullOrEmpty(candidate.Type) || candidate.Type.Length > MaxTypeLength)
        {
            errors[$"[{index}].type"] = [$"The type must be 1 to {MaxTypeLength} characters."];
        }

        if (candidate.Data.ValueKind == JsonValueKind.Undefined)
        {
            errors[$"[{index}].data"] = ["The data is required; it may be any JSON value, null included."];
        }

        if (errors.Count > errorsBefore || topic.Topic is null)
        {
            return null;
        }

        var payload = EventPayload.Create(candidate.Type, candidate.Data);
        if (payload.Utf8Json.Length > _options.MaxPayloadBytes)
        {
            errors[$"[{index}].data"] = [$"The event is larger than {_options.MaxPayloadBytes} bytes."];
            return null;
        }

        return new PreparedEvent(topic.Topic, topic.Topic.SubscribablePrefixes(), payload);
    }
}
