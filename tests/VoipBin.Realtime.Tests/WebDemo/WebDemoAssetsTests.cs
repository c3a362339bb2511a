using System.Net;
using System.Text.RegularExpressions;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.WebDemo;

/// <summary>The hub itself serves the page and the client libraries the build copied from npm.</summary>
public sealed partial class WebDemoAssetsTests : IAsyncLifetime
{
    private RealtimeHost _host = null!;

    public async Task InitializeAsync() => _host = await RealtimeHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/lib/signalr.min.js", "text/javascript")]
    [InlineData("/lib/signalr-protocol-msgpack.min.js", "text/javascript")]
    [InlineData("/js/main.js", "text/javascript")]
    [InlineData("/demo.css", "text/css")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_page_and_its_files_are_served(string path, string mediaType)
    {
        using var response = await _host.Http.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{path} is served (lib/ is copied from npm)");
        response.Content.Headers.ContentType?.MediaType.Should().Be(mediaType);
    }

    [Fact]
    public async Task The_page_at_the_root_refers_only_to_its_own_files()
    {
        var html = await _host.Http.GetStringAsync("/");

        html.Should().Contain("<title>VoipBin.Realtime");
        var references = Reference().Matches(html).Select(m => m.Groups["url"].Value).ToArray();
        references.Should().NotBeEmpty();
        references.Should().OnlyContain(url => !url.Contains("//") && !url.StartsWith('/'),
            "the page loads nothing from the internet, and relative paths work under a path prefix");
    }

    [GeneratedRegex(@"(?:src|href)=""(?<url>[^""]*)""")]
    private static partial Regex Reference();
}
