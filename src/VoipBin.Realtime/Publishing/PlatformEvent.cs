using System.Text.Json;

namespace VoipBin.Realtime.Publishing;

/// <summary>An event to publish: its full-form topic (naming at least a resource), its type and its data.</summary>
/// <param name="Topic">The event's topic, such as <c>customer_id:&lt;uuid&gt;:call:&lt;uuid&gt;</c>.</param>
/// <param name="Type">The event type, 1 to 128 characters, such as <c>call_created</c>.</param>
/// <param name="Data">Any JSON value; subscribers receive it as given.</param>
public sealed record PlatformEvent(string Topic, string Type, JsonElement Data);
