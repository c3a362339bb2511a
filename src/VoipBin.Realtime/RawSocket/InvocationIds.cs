using System.Text.Json;

namespace VoipBin.Realtime.RawSocket;

/// <summary>
/// Carries a raw message's <c>id</c> through SignalR as the invocation id. Every raw invocation gets an id, so
/// the hub always answers with a completion: that is how a refused message without an id still gets its error
/// frame, while a successful one without an id gets no reply at all, as legacy clients expect.
/// </summary>
internal static class InvocationIds
{
    private const char None = '-';
    private const char Text = 's';
    private const char Number = 'n';

    public static string Encode(JsonElement? id) => id switch
    {
        null => None.ToString(),
        { ValueKind: JsonValueKind.String } text => Text + text.GetString(),
        { } number => Number + number.GetRawText(),
    };

    /// <summary>True when the client's message carried an id (and so expects an acknowledgement).</summary>
    public static bool HasClientId(string? invocationId) => invocationId is { Length: > 0 } && invocationId[0] != None;

    /// <summary>Writes the client's id back as given: a string stays a string, a number a number.</summary>
    public static void WriteId(Utf8JsonWriter writer, string invocationId)
    {
        writer.WritePropertyName("id");
        if (invocationId[0] == Text)
        {
            writer.WriteStringValue(invocationId.AsSpan(1));
            return;
        }

        writer.WriteRawValue(invocationId.AsSpan(1), skipInputValidation: true);
    }
}
