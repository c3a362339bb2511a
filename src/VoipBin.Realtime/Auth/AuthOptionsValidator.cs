using System.Text;
using Microsoft.Extensions.Options;

namespace VoipBin.Realtime.Auth;

/// <summary>Refuses a missing or short key, and the development key outside Development.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    private const int MinimumKeyBytes = 32;

    private readonly IHostEnvironment _environment;

    public AuthOptionsValidator(IHostEnvironment environment)
    {
        _environment = environment;
    }

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (Encoding.UTF8.GetByteCount(options.SigningKey) < MinimumKeyBytes)
        {
            failures.Add($"Auth:SigningKey must be at least {MinimumKeyBytes} bytes of UTF-8.");
        }

        if (options.SigningKey == AuthOptions.DevelopmentSigningKey && !_environment.IsDevelopment())
        {
            failures.Add(
                $"Auth:SigningKey is the development key, which is refused in the '{_environment.EnvironmentName}' "
                + "environment. Set Auth__SigningKey to a secret of your own.");
        }

        if (options.ClockSkew < TimeSpan.Zero)
        {
            failures.Add("Auth:ClockSkew must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
