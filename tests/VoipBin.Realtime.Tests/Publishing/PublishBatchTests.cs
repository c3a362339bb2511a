using System.Net;
using System.Text.Json;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Publishing;

public sealed class PublishBatchTests : IClassFixture<SharedHost>
{
    private readonly Guid _customer = Guid.NewGuid();
    private readonly RealtimeHost _host;

    public PublishBatchTests(SharedHost fixture)
    {
        _host = fixture.Host;
    }

    private string Full(string shortForm) => $"customer_id:{_customer}:{shortForm}";

    [Fact]
    public async Task One_event_is_accepted_with_202_and_a_count_of_one()
    {
        using var response = await _host.PostEventsAsync(new { topic = Full("call:c"), type = "t", data = 1 });

        await ShouldBeAcceptedAsync(response, 1);
    }

    [Fact]
    public async Task A_batch_is_accepted_with_202_and_its_count_and_every_event_arrives_in_order()
    {
        await using var client = await HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call", "queue");

        using var response = await _host.PostEventsAsync(new object[]
        {
            new { topic = Full("call:a"), type = "first", data = new { n = 1 } },
            new { topic = Full("queue:q"), type = "second", data = "two" },
            new { topic = Full("call:b"), type = "third", data = (object?)null },
        });

        await ShouldBeAcceptedAsync(response, 3);
        (await client.NextEventAsync()).Json.Should().Be("""{"type":"first","data":{"n":1}}""");
        (await client.NextEventAsync()).Json.Should().Be("""{"type":"second","data":"two"}""");
        (await client.NextEventAsync()).Json.Should().Be("""{"type":"third","data":null}""");
    }

    [Fact]
    public async Task A_batch_of_one_in_an_array_counts_one()
    {
        var batch = new[] { new { topic = Full("call:c"), type = "t", data = 1 } };

        using var response = await _host.PostEventsAsync(batch);

        await ShouldBeAcceptedAsync(response, 1);
    }

    [Fact]
    public async Task A_batch_with_one_bad_event_publishes_nothing()
    {
        await using var client = await HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");

        using var refused = await _host.PostEventsAsync(new object[]
        {
            new { topic = Full("call:a"), type = "must_not_arrive", data = 1 },
            new { topic = Full("call:b"), type = "also_must_not_arrive", data = 2 },
            new { topic = "call:short-form", type = "bad", data = 3 },
        });
        await _host.PublishAsync(Full("call:m"), "marker", 4);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.NextEventAsync()).Type.Should().Be("marker");
    }

    [Fact]
    public async Task A_batch_with_an_item_that_is_not_an_object_publishes_nothing()
    {
        await using var client = await HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");

        using var refused = await _host.PostEventsTextAsync(
            $$"""[{"topic":"{{Full("call:a")}}","type":"must_not_arrive","data":1},"oops"]""");
        await _host.PublishAsync(Full("call:m"), "marker", 2);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.NextEventAsync()).Type.Should().Be("marker");
    }

    [Fact]
    public async Task Data_reaches_subscribers_as_given_including_non_ascii_text_and_exact_numbers()
    {
        const string Data = """{"name":"Zoë 東京","big":12345678901234567890,"f":1.50}""";
        await using var client = await HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");

        using var response = await _host.PostEventsTextAsync(
            $$"""{"topic":"{{Full("call:c")}}","type":"t","data":{{Data}}}""");

        await ShouldBeAcceptedAsync(response, 1);
        (await client.NextEventAsync()).Json.Should().Be($$"""{"type":"t","data":{{Data}}}""");
    }

    private static async Task ShouldBeAcceptedAsync(HttpResponseMessage response, int count)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        JsonDocument.Parse(text).RootElement.GetRawText().Should().Be($$"""{"accepted":{{count}}}""");
    }
}
