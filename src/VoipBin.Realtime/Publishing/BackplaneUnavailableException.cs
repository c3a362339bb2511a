namespace VoipBin.Realtime.Publishing;

/// <summary>Redis is configured but cannot be reached, so events cannot be shared with other instances.</summary>
public sealed class BackplaneUnavailableException : Exception
{
    /// <summary>Creates the exception with the reason and, where there is one, the Redis client's error.</summary>
    public BackplaneUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
