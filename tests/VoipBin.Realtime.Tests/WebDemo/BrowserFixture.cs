using Microsoft.Playwright;

namespace VoipBin.Realtime.Tests.WebDemo;

/// <summary>
/// One Playwright driver for every browser test. Browsers are Debian's Chromium at
/// <see cref="ChromiumPath"/> (installed by <c>scripts/prerequisites/chromium.sh</c>); Playwright's own
/// browser downloads are never used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IPlaywright Playwright =>
        _playwright ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: run scripts/prerequisites/chromium.sh (scripts/test.sh does).");
        }

        // Page conditions are awaited with Playwright's retrying assertions; a busy machine needs slack.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
    }

    public Task DisposeAsync()
    {
        _playwright?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Browser tests share one driver and run one at a time, not two Chromiums on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
