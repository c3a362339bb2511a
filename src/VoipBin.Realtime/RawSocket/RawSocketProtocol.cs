using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using VoipBin.Realtime.Hub;
using VoipBin.Realtime.Publishing;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.RawSocket;

/// <summary>
/// The hub protocol of legacy raw WebSocket clients. Inbound, the socket shim hands it each client frame behind a
/// four-byte length; outbound, it writes each event as the bare event JSON and each reply as the legacy reply
/// frame, every message followed by a record separator that the shim's send loop splits on and strips.
/// </summary>
/// <remarks>
/// It is registered like SignalR's own protocols, so a publishing node serialises events for it once, also for
/// raw clients on other instances; SignalR clients cannot pick it on <c>/v1.0/hub</c>.
/// </remarks>
internal sealed class RawSocketProtocol : IHubProtocol
{
    public const string ProtocolName = "voipbin-raw";
    public const int ProtocolVersion = 1;
    public const byte RecordSeparator = 0x1e;
    public const int LengthPrefixBytes = sizeof(int);

    private static readonly JsonWriterOptions ReplyWriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Name => ProtocolName;

    public int Version => ProtocolVersion;

    public TransferFormat TransferFormat => TransferFormat.Text;

    public bool IsVersionSupported(int version) => version == ProtocolVersion;

    /// <summary>Writes a client frame into the hub's input the way <see cref="TryParseMessage"/> reads it.</summary>
    public static void WriteFrame(IBufferWriter<byte> output, ReadOnlySpan<byte> frame)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(LengthPrefixBytes), frame.Length);
        output.Advance(LengthPrefixBytes);
        output.Write(frame);
    }

    public bool TryParseMessage(
        ref ReadOnlySequence<byte> input,
        IInvocationBinder binder,
        [NotNullWhen(true)] out HubMessage? message)
    {
        message = null;
        if (input.Length < LengthPrefixBytes)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixBytes];
        input.Slice(0, LengthPrefixBytes).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (input.Length < LengthPrefixBytes + length)
        {
            return false;
        }

        // A complete frame always yields a message, so the dispatcher never sees input consumed for nothing.
        message = RawMessageParser.Parse(input.Slice(LengthPrefixBytes, length));
        input = input.Slice(LengthPrefixBytes + length);
        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        switch (message)
        {
            case InvocationMessage { Target: EventHub.EventMethod, Arguments: [_, EventPayload payload] }:
                output.Write(payload.Utf8Json.Span);
                output.Write([RecordSeparator]);
                break;
            case CompletionMessage completion:
                WriteCompletion(completion, output);
                break;
            default:
                // Pings, close messages and the like have no legacy equivalent: the socket has its own.
                break;
        }
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteMessage(message, buffer);
        return buffer.WrittenMemory;
    }

    private static void WriteCompletion(CompletionMessage completion, IBufferWriter<byte> output)
    {
        var invocationId = completion.InvocationId ?? "";
        var hasId = InvocationIds.HasClientId(invocationId);

        switch (completion.Result)
        {
            case RawAcknowledgement acknowledgement when hasId:
                WriteReply(output, writer => WriteAcknowledgement(writer, invocationId, acknowledgement));
                break;
            case RawError error:
                WriteReply(output, writer => WriteError(writer, hasId ? invocationId : null, error));
                break;
            case null when completion.Error is not null:
                var failure = new RawError(ErrorCodes.InternalError, "The server could not handle the message.");
                WriteReply(output, writer => WriteError(writer, hasId ? invocationId : null, failure));
                break;
            default:
                // Success without an id: legacy clients expect no reply.
                break;
        }
    }

    private static void WriteReply(IBufferWriter<byte> output, Action<Utf8JsonWriter> write)
    {
        using (var writer = new Utf8JsonWriter(output, ReplyWriterOptions))
        {
            write(writer);
        }

        output.Write([RecordSeparator]);
    }

    private static void WriteAcknowledgement(Utf8JsonWriter writer, string invocationId, RawAcknowledgement reply)
    {
        writer.WriteStartObject();
        writer.WriteString("type", reply.Type);
        InvocationIds.WriteId(writer, invocationId);
        writer.WriteStartArray("topics");
        foreach (var topic in reply.Topics)
        {
            writer.WriteStringValue(topic);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, string? invocationId, RawError error)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "error");
        if (invocationId is not null)
        {
            InvocationIds.WriteId(writer, invocationId);
        }

        writer.WriteStartObject("error");
        writer.WriteString("code", error.Code);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
