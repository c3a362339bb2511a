using Microsoft.Extensions.FileProviders;
using VoipBin.Realtime.Demo;

namespace VoipBin.Realtime.Hosting;

/// <summary>
/// Builds the whole server: settings from the <c>appsettings.json</c> next to the binary, then the hub.
/// </summary>
public static class RealtimeServer
{
    private const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Creates the application; <paramref name="configure"/> lets a host or a test adjust the builder.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Hosting's "Request starting" line includes the query string, where browsers must put their token.
        builder.Services.PostConfigure<LoggerFilterOptions>(CapRequestLogging);

        builder.Services.AddVoipBinRealtime(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseWebSockets();
        app.UseMiddleware<OriginGuard>();
        UseWebDemo(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapVoipBinRealtime();

        // The demo page's token helper mints any token for anyone, so it exists only in Development.
        if (app.Environment.IsDevelopment())
        {
            app.MapDemoTokenEndpoint();
        }

        return app;
    }

    /// <summary>
    /// Holds hosting's per-request lines at Warning for every logging provider. A plain filter would lose to any
    /// level configured for one provider by name (<c>Logging:Console:LogLevel:Default</c>, say), since a
    /// provider's own rules win over general ones; so after configuration is applied, each provider named in a
    /// rule gets this cap as its own most specific, and last, rule.
    /// </summary>
    private static void CapRequestLogging(LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(rule => rule.ProviderName).Append(null).Distinct().ToArray();
        foreach (var provider in providers)
        {
            options.Rules.Add(new LoggerFilterRule(provider, RequestLogCategory, LogLevel.Warning, filter: null));
        }
    }

    private static void UseWebDemo(WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "web-demo");
        if (!Directory.Exists(root))
        {
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }
}
