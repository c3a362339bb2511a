using System.Text.Json;

namespace VoipBin.Realtime.Demo;

/// <summary>What the demo page asks a token for, read by hand so each bad member gets an error.</summary>
internal sealed class DemoTokenRequest
{
    public Guid? CustomerId { get; private init; }

    public Guid? AgentId { get; private init; }

    public IReadOnlyCollection<string> Permissions { get; private init; } = [];

    public int? Minutes { get; private init; }

    /// <summary>Reads the body, or returns null with <paramref name="errors"/> naming each bad one.</summary>
    public static DemoTokenRequest? Read(
        JsonElement root,
        int maxMinutes,
        Dictionary<string, string[]> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors[""] = ["The body must be a JSON object."];
            return null;
        }

        var request = new DemoTokenRequest
        {
            CustomerId = ReadUuid(root, "customer_id", errors),
            AgentId = ReadUuid(root, "agent_id", errors),
            Permissions = ReadPermissions(root, errors),
            Minutes = ReadMinutes(root, maxMinutes, errors),
        };
        return errors.Count == 0 ? request : null;
    }

    private static Guid? ReadUuid(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id))
        {
            return id;
        }

        errors[name] = [$"The {name} must be a UUID or null."];
        return null;
    }

    private static string[] ReadPermissions(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty("permissions", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var known = Auth.Permissions.All;
        var valid = value.ValueKind == JsonValueKind.Array
            && value.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String);
        var permissions = valid ? value.EnumerateArray().Select(p => p.GetString() ?? "").ToArray() : [];
        var unknown = permissions.Except(known, StringComparer.Ordinal).ToArray();
        if (valid && unknown.Length == 0)
        {
            return permissions.Distinct(StringComparer.Ordinal).ToArray();
        }

        errors["permissions"] = unknown.Length == 0
            ? ["The permissions must be an array of strings."]
            : [$"Unknown permission(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", known)}."];
        return [];
    }

    private static int? ReadMinutes(JsonElement root, int maxMinutes, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty("minutes", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var minutes)
            && minutes >= 1 && minutes <= maxMinutes)
        {
            return minutes;
        }

        errors["minutes"] = [$"The minutes must be a whole number from 1 to {maxMinutes}."];
        return null;
    }
}
