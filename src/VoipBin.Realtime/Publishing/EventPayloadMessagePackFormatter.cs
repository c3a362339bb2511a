using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace VoipBin.Realtime.Publishing;

/// <summary>
/// Turns an event's JSON into a MessagePack map, so a MessagePack client gets <c>{type, data}</c> as native
/// values rather than a JSON string. SignalR calls it once per publish and reuses the bytes for every
/// MessagePack connection.
/// </summary>
internal sealed class EventPayloadMessagePackFormatter : IMessagePackFormatter<EventPayload>
{
    public static readonly EventPayloadMessagePackFormatter Instance = new();

    /// <summary>SignalR's usual resolver with this formatter in front, and untrusted-data hardening.</summary>
    public static MessagePackSerializerOptions SerializerOptions { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create([Instance], [ContractlessStandardResolver.Instance]))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    public void Serialize(ref MessagePackWriter writer, EventPayload value, MessagePackSerializerOptions options)
    {
        using var document = JsonDocument.Parse(value.Utf8Json);
        WriteElement(ref writer, document.RootElement);
    }

    public EventPayload Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        throw new NotSupportedException("Event payloads are only ever sent to clients, never received.");

    private static void WriteElement(ref MessagePackWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteMapHeader(element.EnumerateObject().Count());
                foreach (var property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    WriteElement(ref writer, property.Value);
                }

                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(ref writer, item);
                }

                break;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                break;
            case JsonValueKind.Number:
                WriteNumber(ref writer, element);
                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    private static void WriteNumber(ref MessagePackWriter writer, JsonElement element)
    {
        if (element.TryGetInt64(out var integer))
        {
            writer.Write(integer);
        }
        else if (element.TryGetUInt64(out var unsigned))
        {
            writer.Write(unsigned);
        }
        else
        {
            writer.Write(element.GetDouble());
        }
    }
}
