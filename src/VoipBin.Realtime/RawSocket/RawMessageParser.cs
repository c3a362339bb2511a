using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Protocol;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.RawSocket;

/// <summary>
/// Turns one raw frame into a hub invocation: <c>subscribe</c> and <c>unsubscribe</c> become calls of the hub's
/// <c>Subscribe</c> and <c>Unsubscribe</c>; anything malformed becomes a call of <c>Reject</c>, so its error reply
/// travels the same ordered path as every acknowledgement.
/// </summary>
internal static class RawMessageParser
{
    public const string SubscribeMethod = "Subscribe";
    public const string UnsubscribeMethod = "Unsubscribe";
    public const string RejectMethod = "Reject";

    public static InvocationMessage Parse(ReadOnlySequence<byte> frame)
    {
        JsonDocument document;
        try
        {
            // Parsing the whole frame as one document refuses trailing data after the value.
            document = JsonDocument.Parse(frame);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return Reject(null, ErrorCodes.InvalidJson, "The frame is not valid JSON.");
        }

        using (document)
        {
            return Translate(document.RootElement);
        }
    }

    private static InvocationMessage Translate(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Reject(null, ErrorCodes.InvalidMessage, "A message must be a JSON object.");
        }

        var id = ReadId(root, out var idIsValid);
        if (!idIsValid)
        {
            return Reject(null, ErrorCodes.InvalidMessage, "The id must be a string or a number.");
        }

        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return Reject(id, ErrorCodes.InvalidMessage, "A message needs a string 'type'.");
        }

        var method = type.GetString() switch
        {
            "subscribe" => SubscribeMethod,
            "unsubscribe" => UnsubscribeMethod,
            _ => null,
        };

        if (method is null)
        {
            return Reject(id, ErrorCodes.UnknownType, "The type must be 'subscribe' or 'unsubscribe'.");
        }

        var topics = ReadTopics(root);
        return topics is null
            ? Reject(id, ErrorCodes.InvalidMessage, "A message needs an array 'topics' of strings.")
            : new InvocationMessage(InvocationIds.Encode(id), method, [topics]);
    }

    private static JsonElement? ReadId(JsonElement root, out bool isValid)
    {
        isValid = true;
        if (!root.TryGetProperty("id", out var id))
        {
            return null;
        }

        isValid = id.ValueKind is JsonValueKind.String or JsonValueKind.Number;
        return isValid ? id.Clone() : null;
    }

    private static string[]? ReadTopics(JsonElement root)
    {
        if (!root.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var result = new string[topics.GetArrayLength()];
        var i = 0;
        foreach (var topic in topics.EnumerateArray())
        {
            if (topic.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            result[i++] = topic.GetString() ?? "";
        }

        return result;
    }

    private static InvocationMessage Reject(JsonElement? id, string code, string detail) =>
        new(InvocationIds.Encode(id), RejectMethod, [code, detail]);
}
