using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace VoipBin.Realtime.Tests.WebDemo;

/// <summary>The modes the page offers, as the tests name them.</summary>
public enum PageMode
{
    Json,
    MessagePack,
    Raw,
}

/// <summary>
/// The demo page driven the way a person would: through labels and buttons. Every step waits for the page to
/// show its outcome, with Playwright's retrying assertions.
/// </summary>
public sealed class DemoPage
{
    private readonly IPage _page;

    public DemoPage(IPage page)
    {
        _page = page;
    }

    public ILocator State => _page.Locator("#state");

    public ILocator ConnectionMessage => _page.Locator("#connection-message");

    public ILocator SubscriptionMessage => _page.Locator("#subscription-message");

    public ILocator PublishMessage => _page.Locator("#publish-message");

    public ILocator ActiveSubscriptions =>
        _page.GetByRole(AriaRole.List, new() { Name = "Active subscriptions" }).Locator("li code");

    public ILocator Entries => _page.Locator("#entries > li.entry");

    public ILocator VisibleEntries => _page.Locator("#entries > li.entry:visible");

    public ILocator Total => _page.Locator("#total");

    public ILocator EntriesOfType(string type) => _page.Locator($"#entries > li.entry[data-type='{type}']");

    /// <summary>Asks the Development-only endpoint for a token of this customer, with the defaults.</summary>
    public async Task GetDemoTokenAsync(Guid customer)
    {
        await _page.GetByText("Demo token options").ClickAsync();
        await _page.GetByLabel("Customer id").FillAsync(customer.ToString());
        await Button("Get demo token").ClickAsync();
        await Expect(ConnectionMessage).ToContainTextAsync("Demo token issued");
        await Expect(_page.Locator("#claims")).ToContainTextAsync($"customer {customer}");
    }

    public async Task PasteTokenAsync(string token)
    {
        await _page.GetByLabel("Token", new() { Exact = true }).FillAsync(token);
    }

    public async Task ConnectAsync(PageMode mode)
    {
        await _page.GetByLabel(ModeLabel(mode)).CheckAsync();
        await Button("Connect").ClickAsync();
        await Expect(State).ToHaveAttributeAsync("data-state", "connected");
    }

    public async Task DisconnectAsync()
    {
        await Button("Disconnect").ClickAsync();
        await Expect(State).ToHaveAttributeAsync("data-state", "disconnected");
    }

    public async Task SubscribeAsync(string topics)
    {
        await _page.GetByLabel("Topics", new() { Exact = true }).FillAsync(topics);
        await Button("Subscribe").ClickAsync();
        await Expect(SubscriptionMessage).Not.ToHaveTextAsync("Subscribing…");
    }

    /// <summary>Unsubscribes with the remove button beside an active subscription.</summary>
    public async Task RemoveSubscriptionAsync(string fullTopic)
    {
        await Button($"Unsubscribe {fullTopic}").ClickAsync();
        await Expect(SubscriptionMessage).ToHaveTextAsync($"Unsubscribed: {fullTopic}");
    }

    /// <summary>Publishes through the page's form and waits until the hub accepted it.</summary>
    public async Task PublishAsync(string topic, string type, string data)
    {
        await _page.GetByLabel("Topic (full form)").FillAsync(topic);
        await _page.GetByLabel("Type", new() { Exact = true }).FillAsync(type);
        await _page.GetByLabel("Data (JSON)").FillAsync(data);
        await Button("Publish").ClickAsync();
        var accepted = new Regex($"^Accepted 1 event: {Regex.Escape(type)} on ");
        await Expect(PublishMessage).ToHaveTextAsync(accepted);
    }

    public async Task FilterAsync(string text) => await _page.GetByLabel("Filter events").FillAsync(text);

    public async Task TogglePauseAsync() => await _page.Locator("#pause").ClickAsync();

    public async Task ClearAsync() => await Button("Clear").ClickAsync();

    private ILocator Button(string name) =>
        _page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static string ModeLabel(PageMode mode) => mode switch
    {
        PageMode.Json => "SignalR · JSON",
        PageMode.MessagePack => "SignalR · MessagePack",
        PageMode.Raw => "Raw WebSocket (legacy)",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
