using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoipBin.Realtime.Publishing;

/// <summary>
/// One event as subscribers receive it, <c>{"type":...,"data":...}</c>, held as UTF-8 JSON that was written once
/// at publish time. Every protocol copies these bytes (JSON, raw) or converts them once per publish
/// (MessagePack); no connection ever serialises an event of its own.
/// </summary>
[JsonConverter(typeof(EventPayloadJsonConverter))]
internal sealed class EventPayload
{
    // Relaxed escaping keeps non-ASCII text readable; the payload is JSON data, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal EventPayload(ReadOnlyMemory<byte> utf8Json)
    {
        Utf8Json = utf8Json;
    }

    /// <summary>The event's JSON text in UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>Builds the payload of an event from its type and data, keeping the data's JSON text as given.</summary>
    internal static EventPayload Create(string type, JsonElement data)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("data");
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(data), skipInputValidation: true);
            writer.WriteEndObject();
        }

        return new EventPayload(buffer.WrittenMemory);
    }

    /// <inheritdoc />
    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8Json.Span);
}

/// <summary>Writes an <see cref="EventPayload"/> as the raw JSON value it already is.</summary>
internal sealed class EventPayloadJsonConverter : JsonConverter<EventPayload>
{
    public override EventPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new EventPayload(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
    }

    public override void Write(Utf8JsonWriter writer, EventPayload value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8Json.Span, skipInputValidation: true);
}
