namespace VoipBin.Realtime.Publishing;

/// <summary>
/// A batch held invalid events; nothing of it was published. <see cref="Errors"/> names each bad field by its
/// index, such as <c>[3].type</c>.
/// </summary>
public sealed class EventValidationException : Exception
{
    /// <summary>Creates the exception from the errors found, keyed by field path.</summary>
    public EventValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base($"{errors.Count} invalid field(s); nothing was published: {string.Join(", ", errors.Keys)}.")
    {
        Errors = errors;
    }

    /// <summary>The errors, keyed by field path such as <c>[0].topic</c>.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
