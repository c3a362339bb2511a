using System.Net;
using System.Text.Json;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Publishing;

public sealed class PublishValidationTests : IClassFixture<PublishValidationTests.SmallLimitsHost>
{
    private const int MaxEvents = 5;
    private const int MaxPayloadBytes = 256;
    private const int MaxRequestBytes = 2048;

    // {"type":"t","data":""} holds 22 bytes around the string.
    private const int PayloadOverhead = 22;

    private readonly Guid _customer = Guid.NewGuid();
    private readonly RealtimeHost _host;

    public PublishValidationTests(SmallLimitsHost fixture)
    {
        _host = fixture.Host;
    }

    private string Topic => $"customer_id:{_customer}:call:c";

    private string Valid => $$"""{"topic":"{{Topic}}","type":"t","data":1}""";

    [Theory]
    [InlineData("""{"type":"t","data":1}""", "[0].topic")]
    [InlineData("""{"topic":5,"type":"t","data":1}""", "[0].topic")]
    [InlineData("""{"topic":null,"type":"t","data":1}""", "[0].topic")]
    [InlineData("""{"topic":"","type":"t","data":1}""", "[0].topic")]
    [InlineData("""{"topic":"call:c","type":"t","data":1}""", "[0].topic")]
    [InlineData("""{"topic":"call","type":"t","data":1}""", "[0].topic")]
    [InlineData("""{"topic":"customer_id:74ac5405-7c70-4184-9388-1c9f8f8ce25f","type":"t","data":1}""", "[0].topic")]
    [InlineData("""{"topic":"agent_id:74ac5405-7c70-4184-9388-1c9f8f8ce25f","type":"t","data":1}""", "[0].topic")]
    [InlineData("""{"topic":"customer_id:not-a-uuid:call","type":"t","data":1}""", "[0].topic")]
    [InlineData("""{"topic":"customer_id:74ac5405-7c70-4184-9388-1c9f8f8ce25f:call x","type":"t","data":1}""",
        "[0].topic")]
    [InlineData("""{"topic":"customer_id:74ac5405-7c70-4184-9388-1c9f8f8ce25f:call","data":1}""", "[0].type")]
    [InlineData("""{"topic":"customer_id:74ac5405-7c70-4184-9388-1c9f8f8ce25f:call","type":7,"data":1}""",
        "[0].type")]
    [InlineData("""{"topic":"customer_id:74ac5405-7c70-4184-9388-1c9f8f8ce25f:call","type":"","data":1}""",
        "[0].type")]
    [InlineData("""{"topic":"customer_id:74ac5405-7c70-4184-9388-1c9f8f8ce25f:call","type":"t"}""", "[0].data")]
    [InlineData("""[1]""", "[0]")]
    [InlineData("""["event"]""", "[0]")]
    [InlineData("""[[]]""", "[0]")]
    [InlineData("""null""", "[0]")]
    [InlineData("""42""", "[0]")]
    [InlineData("""[]""", "")]
    [InlineData("""not json""", "")]
    [InlineData("""{"topic":""", "")]
    [InlineData("", "")]
    public async Task A_bad_body_is_refused_with_400_naming_the_bad_field(string body, string field)
    {
        using var response = await _host.PostEventsTextAsync(body);

        var errors = await ProblemErrorsAsync(response);
        errors.Should().ContainKey(field);
        errors[field].Should().NotBeEmpty().And.OnlyContain(message => message.Length > 0);
    }

    [Fact]
    public async Task Each_bad_field_is_named_by_its_items_index()
    {
        var body = $$"""
            [
              {{Valid}},
              {"topic":"{{Topic}}","type":"","data":1},
              {{Valid}},
              {"topic":"call:c","type":"t"},
              17
            ]
            """;

        using var response = await _host.PostEventsTextAsync(body);

        var errors = await ProblemErrorsAsync(response);
        errors.Keys.Should().BeEquivalentTo("[1].type", "[3].topic", "[3].data", "[4]");
    }

    [Fact]
    public async Task The_fourth_items_bad_type_is_reported_as_index_3()
    {
        var longType = new string('t', 129);
        var body = $$"""[{{Valid}},{{Valid}},{{Valid}},{"topic":"{{Topic}}","type":"{{longType}}","data":1}]""";

        using var response = await _host.PostEventsTextAsync(body);

        (await ProblemErrorsAsync(response)).Keys.Should().Equal("[3].type");
    }

    [Fact]
    public async Task A_type_of_128_characters_is_accepted_and_one_of_129_is_refused()
    {
        using var accepted = await _host.PostEventsAsync(new { topic = Topic, type = new string('t', 128), data = 1 });
        using var refused = await _host.PostEventsAsync(new { topic = Topic, type = new string('t', 129), data = 1 });

        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await ProblemErrorsAsync(refused)).Should().ContainKey("[0].type");
    }

    [Fact]
    public async Task A_payload_at_the_limit_is_accepted_and_one_byte_over_is_refused()
    {
        var fits = new string('x', MaxPayloadBytes - PayloadOverhead);

        using var accepted = await _host.PostEventsAsync(new { topic = Topic, type = "t", data = fits });
        using var refused = await _host.PostEventsAsync(new { topic = Topic, type = "t", data = fits + "x" });

        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await ProblemErrorsAsync(refused)).Should().ContainKey("[0].data");
    }

    [Fact]
    public async Task The_maximum_number_of_events_is_accepted_and_one_more_is_refused()
    {
        var atLimit = Enumerable.Range(0, MaxEvents).Select(i => new { topic = Topic, type = "t", data = i });
        var overLimit = Enumerable.Range(0, MaxEvents + 1).Select(i => new { topic = Topic, type = "t", data = i });

        using var accepted = await _host.PostEventsAsync(atLimit);
        using var refused = await _host.PostEventsAsync(overLimit);

        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await ProblemErrorsAsync(refused)).Should().ContainKey("");
    }

    [Fact]
    public async Task A_body_over_the_request_limit_is_refused_with_413_and_a_problem_body()
    {
        var events = Enumerable.Range(0, MaxEvents)
            .Select(i => new { topic = Topic, type = "t", data = new string('x', MaxRequestBytes / MaxEvents) });

        using var response = await _host.PostEventsAsync(events);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("[1,\"two\",{\"three\":3}]")]
    [InlineData("false")]
    [InlineData("0.5")]
    public async Task Data_may_be_any_json_value(string data)
    {
        using var response = await _host.PostEventsTextAsync($$"""{"topic":"{{Topic}}","type":"t","data":{{data}}}""");

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_upper_case_scope_id_in_a_published_topic_is_normalised_before_delivery()
    {
        await using var client = await HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");

        await _host.PublishAsync($"customer_id:{_customer.ToString().ToUpperInvariant()}:call:c", "shouted", 1);

        var received = await client.NextEventAsync();
        received.Topic.Should().Be(Topic);
    }

    private static async Task<Dictionary<string, string[]>> ProblemErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("status").GetInt32().Should().Be(400);
        return body.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()
            ?? throw new InvalidOperationException($"The problem has no errors: {text}");
    }

    public sealed class SmallLimitsHost : SharedHost
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Publishing:MaxEventsPerRequest"] = MaxEvents.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Publishing:MaxPayloadBytes"] =
                MaxPayloadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Publishing:MaxRequestBytes"] =
                MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
