using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace VoipBin.Realtime.Backplane;

/// <summary>
/// Checks the <c>Redis</c> settings when the host starts and lists every problem, each naming its setting.
/// The connection string never appears in a message: it may hold a password.
/// </summary>
internal sealed class RedisBackplaneOptionsValidator : IValidateOptions<RedisBackplaneOptions>
{
    private static readonly TimeSpan MaxHandOffTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MinReconnectInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxReconnectInterval = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, RedisBackplaneOptions options)
    {
        var failures = new List<string>();

        CheckConnectionString(options.ConnectionString, failures);

        if (string.IsNullOrWhiteSpace(options.ChannelPrefix))
        {
            failures.Add(
                "Redis:ChannelPrefix must not be empty; instances sharing events need the same prefix.");
        }

        if (options.HandOffTimeout <= TimeSpan.Zero || options.HandOffTimeout > MaxHandOffTimeout)
        {
            failures.Add($"Redis:HandOffTimeout must be more than zero and at most {MaxHandOffTimeout}.");
        }

        var reconnect = options.ReconnectMaxInterval;
        if (reconnect < MinReconnectInterval || reconnect > MaxReconnectInterval)
        {
            failures.Add(
                $"Redis:ReconnectMaxInterval must be between {MinReconnectInterval} "
                + $"and {MaxReconnectInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckConnectionString(string connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add(
                "Redis:ConnectionString is empty; set it to a Redis endpoint such as 127.0.0.1:6379.");
            return;
        }

        try
        {
            if (ConfigurationOptions.Parse(connectionString).EndPoints.Count == 0)
            {
                failures.Add(
                    "Redis:ConnectionString names no endpoint; start it with host:port (127.0.0.1:6379).");
            }
        }
        catch (ArgumentException)
        {
            // The parser's message quotes the offending text, which may be a password: keep it out of the
            // log.
            failures.Add("Redis:ConnectionString is not a valid StackExchange.Redis connection string.");
        }
    }
}
