using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoipBin.Realtime.Publishing;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Publishing;

public sealed class EventPublisherTests : IClassFixture<SharedHost>
{
    private readonly Guid _customer = Guid.NewGuid();
    private readonly RealtimeHost _host;
    private readonly IEventPublisher _publisher;

    public EventPublisherTests(SharedHost fixture)
    {
        _host = fixture.Host;
        _publisher = _host.Services.GetRequiredService<IEventPublisher>();
    }

    private string Full(string shortForm) => $"customer_id:{_customer}:{shortForm}";

    [Fact]
    public async Task The_injected_publisher_delivers_to_json_and_messagepack_subscribers()
    {
        await using var json = await HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));
        await using var messagePack = await HubClient.ConnectAsync(
            _host, TestTokens.CustomerAdmin(_customer), HubProtocol.MessagePack);
        await json.SubscribeAsync("call");
        await messagePack.SubscribeAsync("call:c");

        var accepted = await _publisher.PublishAsync(
            [new PlatformEvent(Full("call:c"), "call_created", Json("""{"id":"c","legs":2}"""))]).Within();

        accepted.Should().Be(1);
        var received = await json.NextEventAsync();
        received.Topic.Should().Be(Full("call:c"));
        received.Json.Should().Be("""{"type":"call_created","data":{"id":"c","legs":2}}""");
        var decoded = (await messagePack.NextEventAsync()).Decoded;
        var map = decoded.Should().BeAssignableTo<IDictionary<object, object>>().Subject;
        map["type"].Should().Be("call_created");
        map["data"].Should().BeAssignableTo<IDictionary<object, object>>().Which["id"].Should().Be("c");
    }

    [Fact]
    public async Task The_injected_publisher_returns_the_count_of_a_batch()
    {
        var events = Enumerable.Range(0, 3)
            .Select(i => new PlatformEvent(Full($"call:{i}"), "t", Json($"[{i}]")))
            .ToArray();

        var accepted = await _publisher.PublishAsync(events).Within();

        accepted.Should().Be(3);
    }

    [Fact]
    public async Task A_bad_event_throws_a_validation_exception_naming_it_and_nothing_is_published()
    {
        await using var client = await HubClient.ConnectAsync(_host, TestTokens.CustomerAdmin(_customer));
        await client.SubscribeAsync("call");

        var publish = () => _publisher.PublishAsync(
        [
            new PlatformEvent(Full("call:a"), "must_not_arrive", Json("1")),
            new PlatformEvent(Full("call:b"), "", Json("2")),
            new PlatformEvent("call:short-form", "t", default),
        ]).Within();

        var failure = await publish.Should().ThrowAsync<EventValidationException>();
        failure.Which.Errors.Keys.Should().BeEquivalentTo("[1].type", "[2].topic", "[2].data");
        failure.Which.Errors.Values.Should().OnlyContain(messages => messages.Length > 0);
        await _publisher.PublishAsync([new PlatformEvent(Full("call:m"), "marker", Json("3"))]).Within();
        (await client.NextEventAsync()).Type.Should().Be("marker");
    }

    [Fact]
    public async Task An_empty_batch_throws_a_validation_exception()
    {
        var publish = () => _publisher.PublishAsync([]).Within();

        var failure = await publish.Should().ThrowAsync<EventValidationException>();
        failure.Which.Errors.Should().ContainKey("");
    }

    [Fact]
    public async Task A_topic_without_a_resource_throws_a_validation_exception()
    {
        var resourceless = new PlatformEvent($"customer_id:{_customer}", "t", Json("1"));

        var publish = () => _publisher.PublishAsync([resourceless]).Within();

        var failure = await publish.Should().ThrowAsync<EventValidationException>();
        failure.Which.Errors.Keys.Should().Equal("[0].topic");
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
