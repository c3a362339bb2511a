using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hosting;

namespace VoipBin.Realtime.Publishing;

/// <summary><c>POST /v1.0/events</c>: one event or a JSON array of them, published all or nothing.</summary>
internal static class PublishEndpoint
{
    private const string InvalidTitle = "Invalid events; nothing was published.";

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        IEventPublisher publisher,
        EventValidator validator,
        IOptions<PublishingOptions> options)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = options.Value.MaxRequestBytes;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Invalid("", $"The body is not valid JSON: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem($"The body is larger than {options.Value.MaxRequestBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }

        using (document)
        {
            return await PublishAsync(document.RootElement, publisher, validator);
        }
    }

    private static async Task<IResult> PublishAsync(
        JsonElement root,
        IEventPublisher publisher,
        EventValidator validator)
    {
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
        if (items.Length == 0 || items.Length > validator.MaxEventsPerRequest)
        {
            return Invalid("", $"Publish between 1 and {validator.MaxEventsPerRequest} events at a time.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var events = items.Select((item, index) => ReadEvent(index, item, errors)).ToArray();
        if (errors.Count > 0)
        {
            // Report the other items' problems too; this path publishes nothing, so the extra work is harmless.
            for (var i = 0; i < events.Length; i++)
            {
                if (events[i] is { } candidate)
                {
                    validator.Prepare(i, candidate, errors);
                }
            }

            return Results.ValidationProblem(errors, title: InvalidTitle);
        }

        try
        {
            var accepted = await publisher.PublishAsync(events.OfType<PlatformEvent>().ToArray());
            return Results.Json(new PublishResponse(accepted), statusCode: StatusCodes.Status202Accepted);
        }
        catch (EventValidationException ex)
        {
            return Results.ValidationProblem(ex.Errors.ToDictionary(), title: InvalidTitle);
        }
        catch (BackplaneUnavailableException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Backplane unavailable");
        }
    }

    private static PlatformEvent? ReadEvent(int index, JsonElement item, Dictionary<string, string[]> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors[$"[{index}]"] = ["Each event must be a JSON object with topic, type and data."];
            return null;
        }

        var topic = ReadString(index, item, "topic", errors);
        var type = ReadString(index, item, "type", errors);
        var data = item.TryGetProperty("data", out var value) ? value : default;
        return topic is null || type is null ? null : new PlatformEvent(topic, type, data);
    }

    private static string? ReadString(int index, JsonElement item, string name, Dictionary<string, string[]> errors)
    {
        if (item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors[$"[{index}].{name}"] = [$"The {name} is required and must be a string."];
        return null;
    }

    private static IResult Invalid(string key, string message) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [key] = [message] },
            title: InvalidTitle);

    private sealed record PublishResponse(int Accepted);
}
