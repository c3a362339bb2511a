using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hosting;
using VoipBin.Realtime.Hub;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.Tests.Hub;

public sealed class SubscriptionSetTests
{
    private static readonly Guid Customer = Guid.Parse("74ac5405-7c70-4184-9388-1c9f8f8ce25f");
    private static readonly string C = $"customer_id:{Customer}";

    private readonly TopicParser _parser = new(Options.Create(new LimitsOptions()));
    private readonly SubscriptionSet _set = new();

    [Fact]
    public void A_first_subscription_joins_its_group()
    {
        var changes = _set.Add(Topics("call"));

        changes.ToJoin.Should().Equal(C + ":call");
        changes.ToLeave.Should().BeEmpty();
        _set.Groups.Should().BeEquivalentTo(C + ":call");
    }

    [Fact]
    public void Overlapping_subscriptions_keep_the_connection_only_in_the_broadest_group()
    {
        var changes = _set.Add(Topics("call", "call:x", "call:x:leg"));

        changes.ToJoin.Should().Equal(C + ":call");
        _set.Groups.Should().BeEquivalentTo(C + ":call");
        _set.Count.Should().Be(3);
    }

    [Fact]
    public void A_broader_subscription_replaces_the_narrower_groups_it_covers()
    {
        _set.Add(Topics("call:x", "call:y", "queue:q"));

        var changes = _set.Add(Topics("call"));

        changes.ToJoin.Should().Equal(C + ":call");
        changes.ToLeave.Should().BeEquivalentTo(C + ":call:x", C + ":call:y");
        _set.Groups.Should().BeEquivalentTo(C + ":call", C + ":queue:q");
    }

    [Fact]
    public void Removing_the_broad_subscription_restores_the_narrower_groups()
    {
        _set.Add(Topics("call", "call:x", "call:y"));

        var changes = _set.Remove(Topics("call"));

        changes.ToLeave.Should().Equal(C + ":call");
        changes.ToJoin.Should().BeEquivalentTo(C + ":call:x", C + ":call:y");
        _set.Groups.Should().BeEquivalentTo(C + ":call:x", C + ":call:y");
    }

    [Fact]
    public void Removing_the_broadest_of_three_levels_restores_only_the_middle_one()
    {
        _set.Add(Topics(C, "call", "call:x"));

        var changes = _set.Remove(Topics(C));

        changes.ToJoin.Should().Equal(C + ":call");
        _set.Groups.Should().BeEquivalentTo(C + ":call");
    }

    [Fact]
    public void Removing_a_covered_subscription_changes_no_group()
    {
        _set.Add(Topics("call", "call:x"));

        var changes = _set.Remove(Topics("call:x"));

        changes.IsEmpty.Should().BeTrue();
        _set.Groups.Should().BeEquivalentTo(C + ":call");
        _set.Count.Should().Be(1);
    }

    [Fact]
    public void Topics_that_share_only_leading_letters_do_not_cover_each_other()
    {
        var changes = _set.Add(Topics("call", "callrecording", "call:x"));

        changes.ToJoin.Should().BeEquivalentTo(C + ":call", C + ":callrecording");
    }

    [Fact]
    public void Subscriptions_of_other_scopes_never_cover_each_other()
    {
        var agent = $"agent_id:{Customer}";

        _set.Add(Topics(C, agent + ":call"));

        _set.Groups.Should().BeEquivalentTo(C, agent + ":call");
    }

    [Fact]
    public void Adding_a_subscription_twice_changes_nothing()
    {
        _set.Add(Topics("call"));

        var changes = _set.Add(Topics("call"));

        changes.IsEmpty.Should().BeTrue();
        _set.Count.Should().Be(1);
    }

    [Fact]
    public void Removing_a_topic_that_is_not_subscribed_changes_nothing()
    {
        _set.Add(Topics("call"));

        var changes = _set.Remove(Topics("queue"));

        changes.IsEmpty.Should().BeTrue();
        _set.ToSortedArray().Should().Equal(C + ":call");
    }

    [Fact]
    public void The_count_after_adding_ignores_topics_already_held_and_duplicates()
    {
        _set.Add(Topics("call", "queue"));

        var count = _set.CountAfterAdding(Topics("call", "agent", "agent", "conference"));

        count.Should().Be(4);
        _set.Count.Should().Be(2, "counting must not change the set");
    }

    [Fact]
    public void Restoring_a_snapshot_puts_back_topics_and_groups()
    {
        _set.Add(Topics("call:x", "queue"));
        var snapshot = _set.TakeSnapshot();
        _set.Add(Topics("call"));
        _set.Remove(Topics("queue"));

        _set.Restore(snapshot);

        _set.ToSortedArray().Should().Equal(C + ":call:x", C + ":queue");
        _set.Groups.Should().BeEquivalentTo(C + ":call:x", C + ":queue");
        _set.Add(Topics("call")).ToLeave.Should().Equal(C + ":call:x");
    }

    [Fact]
    public void The_sorted_array_lists_every_subscription_in_ordinal_order()
    {
        _set.Add(Topics("queue", "call:x", "call"));

        _set.ToSortedArray().Should().Equal(C + ":call", C + ":call:x", C + ":queue");
    }

    private Topic[] Topics(params string[] texts) =>
        texts.Select(text => _parser.Parse(text, Customer).Topic
            ?? throw new ArgumentException($"'{text}' is not a valid topic.", nameof(texts))).ToArray();
}
