namespace VoipBin.Realtime.Auth;

/// <summary>
/// The <c>token</c> verb: mints a token signed with the configured <c>Auth:SigningKey</c>.
/// <code>dotnet run --project src/VoipBin.Realtime -- token --customer &lt;uuid&gt; --agent &lt;uuid&gt;
///     --permissions customer_admin,customer_agent [--minutes 60]</code>
/// </summary>
internal static class TokenCommand
{
    public const string Verb = "token";

    private const string Usage =
        "usage: token [--customer <uuid>] [--agent <uuid>] [--permissions <p1,p2,...>] [--minutes <n>]\n"
        + "permissions: project_super_admin, customer_admin, customer_manager, customer_agent, event_publisher";

    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var request, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 2;
        }

        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrEmpty(auth.SigningKey))
        {
            error.WriteLine("Auth:SigningKey is not set.");
            return 2;
        }

        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(request.Minutes);
        var token = TokenIssuer.Issue(
            auth.SigningKey, request.Customer, request.Agent, request.Permissions, expiresAt);
        output.WriteLine(token);
        return 0;
    }

    private static bool TryParse(string[] args, out TokenRequest request, out string problem)
    {
        request = new TokenRequest();
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                problem = $"'{args[i]}' needs a value.";
                return false;
            }

            if (!TryApply(request, args[i], value, out problem))
            {
                return false;
            }

            i++;
        }

        return true;
    }

    private static bool TryApply(TokenRequest request, string name, string value, out string problem)
    {
        problem = "";
        switch (name)
        {
            case "--customer" when Guid.TryParse(value, out var customer):
                request.Customer = customer;
                return true;
            case "--agent" when Guid.TryParse(value, out var agent):
                request.Agent = agent;
                return true;
            case "--minutes" when int.TryParse(value, out var minutes) && minutes > 0:
                request.Minutes = minutes;
                return true;
            case "--permissions":
                request.Permissions = value.Split(
                    ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var unknown = request.Permissions.Except(Permissions.All, StringComparer.Ordinal).ToArray();
                problem = unknown.Length == 0 ? "" : $"Unknown permission(s): {string.Join(", ", unknown)}.";
                return unknown.Length == 0;
            default:
                problem = $"'{name} {value}' is not a valid option.";
                return false;
        }
    }

    private sealed class TokenRequest
    {
        public Guid? Customer { get; set; }

        public Guid? Agent { get; set; }

        public string[] Permissions { get; set; } = [];

        public int Minutes { get; set; } = 60;
    }
}
