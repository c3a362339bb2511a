using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VoipBin.Realtime.Hub;
using VoipBin.Realtime.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace VoipBin.Realtime.Tests.WebDemo;

/// <summary>The demo page in a real headless Chromium against a real hub started in Development.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebDemoPageTests : IAsyncLifetime
{
    private readonly BrowserFixture _browsers;
    private readonly Guid _customer = Guid.NewGuid();
    private RealtimeHost _host = null!;

    public WebDemoPageTests(BrowserFixture browsers)
    {
        _browsers = browsers;
    }

    public async Task InitializeAsync() => _host = await RealtimeHost.StartAsync(environment: "Development");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Topic(string resource) => $"customer_id:{_customer}:{resource}";

    [Theory]
    [InlineData(PageMode.Json)]
    [InlineData(PageMode.MessagePack)]
    [InlineData(PageMode.Raw)]
    public async Task A_published_event_reaches_the_log_until_its_topic_is_unsubscribed(PageMode mode)
    {
        await using var browser = await BrowserSession.OpenAsync(_browsers, _host);
        var page = new DemoPage(browser.Page);
        await page.GetDemoTokenAsync(_customer);
        await page.ConnectAsync(mode);

        await page.SubscribeAsync("call queue");
        await Expect(page.ActiveSubscriptions).ToHaveTextAsync([Topic("call"), Topic("queue")]);

        await page.PublishAsync(Topic("call:c1"), "first_event", """{"n": 1, "who": "web demo"}""");
        var first = page.EntriesOfType("first_event");
        await Expect(first).ToBeVisibleAsync();
        await Expect(first.Locator("pre.data")).ToHaveTextAsync("{\n  \"n\": 1,\n  \"who\": \"web demo\"\n}");
        var expectedTopic = mode == PageMode.Raw ? "no topic on the raw protocol" : Topic("call:c1");
        await Expect(first.Locator(".topic")).ToHaveTextAsync(expectedTopic);

        await page.RemoveSubscriptionAsync(Topic("call"));
        await Expect(page.ActiveSubscriptions).ToHaveTextAsync([Topic("queue")]);
        await page.PublishAsync(Topic("call:c1"), "second_event", """{"n": 2}""");
        await page.PublishAsync(Topic("queue:q1"), "marker_event", """{"n": 3}""");

        // The marker was published after the second event on the same hub: once it shows, the second would.
        await Expect(page.Entries.First).ToHaveAttributeAsync("data-type", "marker_event");
        await Expect(page.EntriesOfType("second_event")).ToHaveCountAsync(0);
        await Expect(page.Entries).ToHaveCountAsync(2);

        await browser.ScreenshotAsync($"web-demo-{mode.ToString().ToLowerInvariant()}-1280");
        browser.ShouldHaveRunCleanly();
    }

    [Fact]
    public async Task The_page_reads_well_at_desktop_and_phone_widths()
    {
        await using var browser = await BrowserSession.OpenAsync(_browsers, _host);
        var page = new DemoPage(browser.Page);
        await page.GetDemoTokenAsync(_customer);
        await page.ConnectAsync(PageMode.Json);
        await page.SubscribeAsync("call");
        await page.PublishAsync(Topic("call:7f1c"), "call_created", """{"status": "ringing", "to": "+1555"}""");
        await page.PublishAsync(Topic("call:7f1c"), "call_answered", """{"status": "progressing"}""");
        await Expect(page.Entries).ToHaveCountAsync(2);

        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await browser.Page.SetViewportSizeAsync(width, height);
            await browser.Page.EvaluateAsync("() => window.scrollTo(0, 0)");

            var overflow = await browser.Page.EvaluateAsync<int>(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            overflow.Should().BeLessThanOrEqualTo(0, $"nothing may stick out sideways at {width} px");
            await Expect(page.State).ToBeInViewportAsync();
            await Expect(page.Entries.First).ToBeVisibleAsync();
            await browser.ScreenshotAsync($"web-demo-{width}");
        }

        browser.ShouldHaveRunCleanly();
    }

    [Fact]
    public async Task The_log_sits_beside_the_controls_when_wide_and_below_them_when_narrow()
    {
        await using var browser = await BrowserSession.OpenAsync(_browsers, _host);
        var controls = browser.Page.Locator(".controls");
        var log = browser.Page.Locator(".log");

        await browser.Page.SetViewportSizeAsync(1280, 900);
        var (wideControls, wideLog) = (await BoxOf(controls), await BoxOf(log));
        wideLog.X.Should().BeGreaterThan(wideControls.X + wideControls.Width - 1, "at 1280 px it is beside");
        wideLog.Y.Should().BeApproximately(wideControls.Y, 1);

        await browser.Page.SetViewportSizeAsync(390, 844);
        var (narrowControls, narrowLog) = (await BoxOf(controls), await BoxOf(log));
        narrowLog.Y.Should().BeGreaterThan(narrowControls.Y + narrowControls.Height - 1, "at 390 px below");
        narrowLog.Width.Should().BeApproximately(narrowControls.Width, 1);
        browser.ShouldHaveRunCleanly();
    }

    private static async Task<LocatorBoundingBoxResult> BoxOf(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("Not laid out.");

    [Theory]
    [InlineData(PageMode.Json)]
    [InlineData(PageMode.Raw)]
    public async Task After_the_hub_drops_the_page_it_reconnects_and_subscribes_again(PageMode mode)
    {
        await using var browser = await BrowserSession.OpenAsync(_browsers, _host);
        var page = new DemoPage(browser.Page);
        await page.GetDemoTokenAsync(_customer);
        await page.ConnectAsync(mode);
        await page.SubscribeAsync("call");
        var registry = _host.Services.GetRequiredService<ConnectionRegistry>();
        var dropped = registry.All.Single();

        dropped.Close(CloseReason.ShuttingDown);

        await Expect(page.ConnectionMessage).ToContainTextAsync("restored 1 subscription(s)");
        await Expect(page.State).ToHaveAttributeAsync("data-state", "connected");
        registry.All.Should().Contain(
            c => c.ConnectionId != dropped.ConnectionId, "the page must have come back on a new connection");
        await page.PublishAsync(Topic("call:after"), "after_reconnect", """{"ok": true}""");
        await Expect(page.EntriesOfType("after_reconnect")).ToBeVisibleAsync();
        await Expect(page.ActiveSubscriptions).ToHaveTextAsync([Topic("call")]);
        browser.ShouldHaveRunCleanly();
    }

    [Fact]
    public async Task Disconnect_closes_the_connection_and_clears_the_subscriptions()
    {
        await using var browser = await BrowserSession.OpenAsync(_browsers, _host);
        var page = new DemoPage(browser.Page);
        await page.GetDemoTokenAsync(_customer);
        await page.ConnectAsync(PageMode.MessagePack);
        await page.SubscribeAsync("call");
        await Expect(page.ActiveSubscriptions).ToHaveCountAsync(1);
        var registry = _host.Services.GetRequiredService<ConnectionRegistry>();

        await page.DisconnectAsync();

        await Expect(page.ActiveSubscriptions).ToHaveCountAsync(0);
        await Waiting.UntilAsync(() => Task.FromResult(registry.Count == 0), "the hub saw the page leave");
        browser.ShouldHaveRunCleanly();
    }

    [Fact]
    public async Task A_refused_subscription_is_explained_next_to_the_subscribe_button()
    {
        await using var browser = await BrowserSession.OpenAsync(_browsers, _host);
        var page = new DemoPage(browser.Page);
        await page.GetDemoTokenAsync(_customer);
        await page.ConnectAsync(PageMode.Json);

        await page.SubscribeAsync($"customer_id:{Guid.NewGuid()}:call");
        await Expect(page.SubscriptionMessage).ToContainTextAsync("forbidden_topic");
        await Expect(page.SubscriptionMessage).ToHaveAttributeAsync("data-kind", "error");

        await page.SubscribeAsync("call::x");
        await Expect(page.SubscriptionMessage).ToContainTextAsync("invalid_topic");
        await Expect(page.ActiveSubscriptions).ToHaveCountAsync(0);
        browser.ShouldHaveRunCleanly();
    }

    [Fact]
    public async Task The_log_filters_pauses_and_clears()
    {
        await using var browser = await BrowserSession.OpenAsync(_browsers, _host);
        var page = new DemoPage(browser.Page);
        await page.GetDemoTokenAsync(_customer);
        await page.ConnectAsync(PageMode.MessagePack);
        await page.SubscribeAsync("call");
        await page.PublishAsync(Topic("call:a"), "alpha_event", """{"colour": "red"}""");
        await page.PublishAsync(Topic("call:b"), "beta_event", """{"colour": "blue"}""");
        await Expect(page.Entries).ToHaveCountAsync(2);

        await page.FilterAsync("BLUE");
        await Expect(page.VisibleEntries).ToHaveCountAsync(1);
        await Expect(page.VisibleEntries.First).ToHaveAttributeAsync("data-type", "beta_event");
        await page.FilterAsync("");
        await Expect(page.VisibleEntries).ToHaveCountAsync(2);

        await page.TogglePauseAsync();
        await page.PublishAsync(Topic("call:c"), "gamma_event", """{"colour": "green"}""");
        await Expect(page.Total).ToHaveTextAsync("3");
        await Expect(browser.Page.Locator("#paused-note")).ToContainTextAsync("1 new event(s) waiting");
        await Expect(page.EntriesOfType("gamma_event")).ToHaveCountAsync(0);
        await page.TogglePauseAsync();
        await Expect(page.Entries.First).ToHaveAttributeAsync("data-type", "gamma_event");

        await page.ClearAsync();
        await Expect(page.Entries).ToHaveCountAsync(0);
        await Expect(page.Total).ToHaveTextAsync("0");
        browser.ShouldHaveRunCleanly();
    }
}
