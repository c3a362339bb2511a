using System.Collections.Concurrent;
using Microsoft.Playwright;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.WebDemo;

/// <summary>
/// A headless Chromium with a fresh profile, one page open on a test host. Keeps every console error,
/// uncaught page error and request that left the host, so a test can insist on none.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private readonly IBrowserContext _context;
    private readonly DirectoryInfo _profile;
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _foreignRequests = new();

    private BrowserSession(IBrowserContext context, IPage page, DirectoryInfo profile)
    {
        _context = context;
        _profile = profile;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Where screenshots go: <c>screenshots/</c> in the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserSession> OpenAsync(
        BrowserFixture browsers,
        RealtimeHost host,
        int width = 1280,
        int height = 900)
    {
        var profile = Directory.CreateTempSubdirectory("voipbin-realtime-chromium-");
        var context = await browsers.Playwright.Chromium.LaunchPersistentContextAsync(
            profile.FullName,
            new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = BrowserFixture.ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                ViewportSize = new ViewportSize { Width = width, Height = height },
                Timeout = 60_000,
            });

        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        var session = new BrowserSession(context, page, profile);
        session.Watch(host.BaseAddress);
        await page.GotoAsync(host.BaseAddress.ToString());
        return session;
    }

    /// <summary>Fails if the page wrote a console error, threw, or asked anything of another host.</summary>
    public void ShouldHaveRunCleanly()
    {
        _consoleErrors.Should().BeEmpty("the page must run without console errors");
        _foreignRequests.Should().BeEmpty("the page must load nothing from anywhere but the hub");
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _context.DisposeAsync();
        _profile.Delete(recursive: true);
    }

    private void Watch(Uri hub)
    {
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Enqueue($"{message.Location}: {message.Text}");
            }
        };

        Page.PageError += (_, error) => _consoleErrors.Enqueue($"uncaught: {error}");
        Page.Request += (_, request) => NoteIfForeign(hub, request.Url);
        Page.WebSocket += (_, socket) => NoteIfForeign(hub, socket.Url);
    }

    private void NoteIfForeign(Uri hub, string address)
    {
        var url = new Uri(address);
        var local = url.Scheme is "data" or "blob" || (url.Host == hub.Host && url.Port == hub.Port);
        if (!local)
        {
            _foreignRequests.Enqueue(address);
        }
    }
}
