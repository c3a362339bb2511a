using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hosting;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.Tests.Topics;

public sealed class TopicMatchingTests
{
    private const string C = "customer_id:74ac5405-7c70-4184-9388-1c9f8f8ce25f";
    private const string OtherCustomer = "customer_id:11111111-2222-4333-8444-555555555555";
    private const string SameIdAsAgent = "agent_id:74ac5405-7c70-4184-9388-1c9f8f8ce25f";

    private readonly TopicParser _parser = new(Options.Create(new LimitsOptions()));

    [Theory]
    [InlineData(C, C + ":call:x", true)]
    [InlineData(C, C, true)]
    [InlineData(C + ":call", C + ":call", true)]
    [InlineData(C + ":call", C + ":call:x", true)]
    [InlineData(C + ":call", C + ":call:x:leg:y", true)]
    [InlineData(C + ":call:x", C + ":call:x", true)]
    [InlineData(C + ":call:x", C + ":call:x:leg", true)]
    [InlineData(C + ":call", C + ":callrecording", false)]
    [InlineData(C + ":call", C + ":callrecording:x", false)]
    [InlineData(C + ":call:x", C + ":call:xy", false)]
    [InlineData(C + ":call:x", C + ":call", false)]
    [InlineData(C + ":call:x", C + ":call:y", false)]
    [InlineData(C + ":call", C + ":queue:x", false)]
    [InlineData(C + ":call", OtherCustomer + ":call:x", false)]
    [InlineData(C + ":call", SameIdAsAgent + ":call:x", false)]
    [InlineData(SameIdAsAgent, C + ":call", false)]
    public void A_subscription_matches_an_event_topic_when_its_segments_are_a_prefix(
        string subscription,
        string eventTopic,
        bool matches)
    {
        var subscribed = Parse(subscription);
        var published = Parse(eventTopic);

        subscribed.Matches(published).Should().Be(matches);
    }

    [Fact]
    public void Matching_works_on_the_normalised_form_so_case_in_the_scope_id_does_not_matter()
    {
        var subscribed = Parse("customer_id:74AC5405-7C70-4184-9388-1C9F8F8CE25F:call");

        subscribed.Matches(Parse(C + ":call:x")).Should().BeTrue();
    }

    [Theory]
    [InlineData(C, new[] { C })]
    [InlineData(C + ":call", new[] { C, C + ":call" })]
    [InlineData(C + ":call:x", new[] { C, C + ":call", C + ":call:x" })]
    [InlineData(C + ":call:x:leg:y", new[] { C, C + ":call", C + ":call:x", C + ":call:x:leg", C + ":call:x:leg:y" })]
    public void The_subscribable_prefixes_run_from_the_scope_to_the_topic_itself(string topic, string[] expected)
    {
        var prefixes = Parse(topic).SubscribablePrefixes();

        prefixes.Should().Equal(expected);
    }

    [Fact]
    public void Every_subscribable_prefix_is_a_subscription_that_matches_the_topic_and_nothing_else_does()
    {
        var published = Parse(C + ":call:x:leg:y");
        var candidates = new[]
        {
            C, C + ":call", C + ":call:x", C + ":call:x:leg", C + ":call:x:leg:y",
            C + ":callrecording", C + ":call:xy", C + ":call:x:leg:y:z", OtherCustomer, SameIdAsAgent,
        };

        var matching = candidates.Where(candidate => Parse(candidate).Matches(published));

        matching.Should().Equal(published.SubscribablePrefixes());
    }

    [Theory]
    [InlineData(C, false)]
    [InlineData(C + ":call", true)]
    [InlineData(C + ":call:x", true)]
    public void A_topic_names_a_resource_from_its_third_segment(string topic, bool namesResource)
    {
        Parse(topic).NamesResource.Should().Be(namesResource);
    }

    [Fact]
    public void Topics_are_equal_by_their_full_form()
    {
        var upper = Parse("customer_id:74AC5405-7C70-4184-9388-1C9F8F8CE25F:call");
        var shortForm = _parser.Parse("call", Guid.Parse("74ac5405-7c70-4184-9388-1c9f8f8ce25f")).Topic;

        upper.Should().Be(shortForm);
        upper.GetHashCode().Should().Be(shortForm!.GetHashCode());
        upper.Should().NotBe(Parse(C + ":callrecording"));
    }

    private Topic Parse(string text) =>
        _parser.Parse(text, shortFormCustomer: null).Topic
        ?? throw new ArgumentException($"'{text}' is not a valid full-form topic.", nameof(text));
}
