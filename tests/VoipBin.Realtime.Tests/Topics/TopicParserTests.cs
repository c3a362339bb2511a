using Microsoft.Extensions.Options;
using VoipBin.Realtime.Hosting;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.Tests.Topics;

public sealed class TopicParserTests
{
    private const string Customer = "74ac5405-7c70-4184-9388-1c9f8f8ce25f";
    private const string Agent = "0b3c1f2e-5d6a-4e7b-8c9d-0e1f2a3b4c5d";
    private const string Call = "6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8";

    private static readonly Guid TokenCustomer = Guid.Parse(Customer);

    private readonly TopicParser _parser = new(Options.Create(new LimitsOptions()));

    [Theory]
    [InlineData("customer_id:" + Customer, "customer_id:" + Customer)]
    [InlineData("customer_id:" + Customer + ":call", "customer_id:" + Customer + ":call")]
    [InlineData("customer_id:" + Customer + ":call:" + Call, "customer_id:" + Customer + ":call:" + Call)]
    [InlineData("agent_id:" + Agent, "agent_id:" + Agent)]
    [InlineData("agent_id:" + Agent + ":call", "agent_id:" + Agent + ":call")]
    [InlineData("customer_id:74AC5405-7C70-4184-9388-1C9F8F8CE25F:call", "customer_id:" + Customer + ":call")]
    [InlineData("agent_id:0B3C1F2E-5D6A-4E7B-8C9D-0E1F2A3B4C5D", "agent_id:" + Agent)]
    [InlineData("call", "customer_id:" + Customer + ":call")]
    [InlineData("call:" + Call, "customer_id:" + Customer + ":call:" + Call)]
    [InlineData("activeflow:74ac5405-7c70-4184-9388-1c9f8f8ce25f",
        "customer_id:" + Customer + ":activeflow:74ac5405-7c70-4184-9388-1c9f8f8ce25f")]
    [InlineData("a:b:c:d:e:f", "customer_id:" + Customer + ":a:b:c:d:e:f")]
    [InlineData("customer_id:" + Customer + ":a:b:c:d:e:f", "customer_id:" + Customer + ":a:b:c:d:e:f")]
    public void A_well_formed_topic_parses_to_its_normalised_full_form(string text, string expected)
    {
        var result = _parser.Parse(text, TokenCustomer);

        result.IsValid.Should().BeTrue(result.ErrorMessage);
        result.Topic!.Value.Should().Be(expected);
        result.Topic.SegmentCount.Should().Be(expected.Split(':').Length);
    }

    [Theory]
    [InlineData("customer_id:" + Customer + ":call", nameof(TopicScope.Customer), Customer)]
    [InlineData("call", nameof(TopicScope.Customer), Customer)]
    [InlineData("agent_id:" + Agent + ":call", nameof(TopicScope.Agent), Agent)]
    public void The_scope_and_its_id_are_read_from_the_full_form(string text, string scope, string scopeId)
    {
        var topic = _parser.Parse(text, TokenCustomer).Topic;

        topic.Should().NotBeNull();
        topic!.Scope.ToString().Should().Be(scope);
        topic.ScopeId.Should().Be(Guid.Parse(scopeId));
    }

    [Fact]
    public void A_short_form_topic_expands_with_the_callers_customer_whoever_that_is()
    {
        var other = Guid.NewGuid();

        var topic = _parser.Parse("call", other).Topic;

        topic!.Value.Should().Be($"customer_id:{other}:call");
    }

    [Fact]
    public void A_full_form_topic_needs_no_customer_to_parse()
    {
        var result = _parser.Parse("agent_id:" + Agent + ":call", shortFormCustomer: null);

        result.Topic!.Value.Should().Be("agent_id:" + Agent + ":call");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(":")]
    [InlineData(":call")]
    [InlineData("call:")]
    [InlineData("call::x")]
    [InlineData("customer_id::call")]
    [InlineData("customer_id:" + Customer + ":")]
    [InlineData("call x")]
    [InlineData(" call")]
    [InlineData("call ")]
    [InlineData("call\tx")]
    [InlineData("call\nx")]
    [InlineData("call\u00a0x")]
    [InlineData("call\u2003x")]
    [InlineData("call\u0000x")]
    [InlineData("call\u001ex")]
    [InlineData("call\u007fx")]
    [InlineData("customer_id")]
    [InlineData("agent_id")]
    [InlineData("customer_id:call")]
    [InlineData("agent_id:call:" + Call)]
    [InlineData("customer_id:not-a-uuid")]
    [InlineData("customer_id:74ac5405-7c70-4184-9388")]
    [InlineData("customer_id:74ac5405-7c70-4184-9388-1c9f8f8ce25f0")]
    [InlineData("customer_id:{74ac5405-7c70-4184-9388-1c9f8f8ce25f}")]
    [InlineData("customer_id:74ac54057c70418493881c9f8f8ce25f")]
    [InlineData("agent_id:zzac5405-7c70-4184-9388-1c9f8f8ce25f")]
    public void A_malformed_topic_is_invalid_topic(string? text)
    {
        var result = _parser.Parse(text, TokenCustomer);

        result.IsValid.Should().BeFalse();
        result.Topic.Should().BeNull();
        result.ErrorCode.Should().Be(ErrorCodes.InvalidTopic);
        result.ErrorMessage.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_topic_of_256_characters_is_valid_and_one_of_257_is_invalid_topic()
    {
        var prefix = $"customer_id:{Customer}:";
        var longest = prefix + new string('r', 256 - prefix.Length);

        var atLimit = _parser.Parse(longest, TokenCustomer);
        var overLimit = _parser.Parse(longest + "r", TokenCustomer);

        atLimit.Topic!.Value.Should().HaveLength(256);
        overLimit.ErrorCode.Should().Be(ErrorCodes.InvalidTopic);
    }

    [Fact]
    public void The_length_limit_counts_the_short_form_after_expansion()
    {
        var expansion = $"customer_id:{Customer}:".Length;
        var longest = new string('r', 256 - expansion);

        var atLimit = _parser.Parse(longest, TokenCustomer);
        var overLimit = _parser.Parse(longest + "r", TokenCustomer);

        atLimit.Topic!.Value.Should().HaveLength(256);
        overLimit.ErrorCode.Should().Be(ErrorCodes.InvalidTopic,
            "a short-form topic under 256 characters may pass the limit once its customer is added");
    }

    [Theory]
    [InlineData("customer_id:" + Customer + ":a:b:c:d:e:f:g")]
    [InlineData("a:b:c:d:e:f:g")]
    public void A_topic_of_more_than_8_segments_after_expansion_is_invalid_topic(string text)
    {
        var result = _parser.Parse(text, TokenCustomer);

        result.ErrorCode.Should().Be(ErrorCodes.InvalidTopic);
    }

    [Fact]
    public void The_limits_follow_the_settings()
    {
        var parser = new TopicParser(Options.Create(new LimitsOptions { TopicMaxSegments = 3, TopicMaxLength = 60 }));

        parser.Parse("call", TokenCustomer).IsValid.Should().BeTrue();
        parser.Parse("call:x", TokenCustomer).ErrorCode.Should().Be(ErrorCodes.InvalidTopic);
        parser.Parse(new string('r', 13), TokenCustomer).ErrorCode.Should().Be(ErrorCodes.InvalidTopic);
    }

    [Theory]
    [InlineData("call")]
    [InlineData("call:" + Call)]
    public void A_short_form_topic_without_a_customer_to_expand_it_is_forbidden_topic(string text)
    {
        var result = _parser.Parse(text, shortFormCustomer: null);

        result.ErrorCode.Should().Be(ErrorCodes.ForbiddenTopic);
        result.ErrorMessage.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("call x")]
    [InlineData("call::x")]
    [InlineData("call\u0007")]
    [InlineData("a:b:c:d:e:f:g")]
    public void Shape_is_checked_before_the_customer_so_a_malformed_short_form_is_invalid_topic(string text)
    {
        var result = _parser.Parse(text, shortFormCustomer: null);

        result.ErrorCode.Should().Be(ErrorCodes.InvalidTopic);
    }

    [Fact]
    public void A_short_form_topic_too_long_for_any_customer_is_invalid_topic_even_without_a_customer()
    {
        var result = _parser.Parse(new string('r', 250), shortFormCustomer: null);

        result.ErrorCode.Should().Be(ErrorCodes.InvalidTopic);
    }

    [Theory]
    [InlineData("customer_id:" + Customer + ":call:" + Call)]
    [InlineData("agent_id:" + Agent + ":call")]
    public void Parsing_in_full_form_accepts_full_form_topics(string text)
    {
        _parser.ParseFullForm(text).Topic!.Value.Should().Be(text);
    }

    [Theory]
    [InlineData("call")]
    [InlineData("call:" + Call)]
    [InlineData("")]
    [InlineData("customer_id:bad:call")]
    [InlineData("customer_id:" + Customer + ":call x")]
    public void Parsing_in_full_form_refuses_short_form_and_malformed_topics_as_invalid_topic(string text)
    {
        _parser.ParseFullForm(text).ErrorCode.Should().Be(ErrorCodes.InvalidTopic);
    }

    [Fact]
    public void Parsing_in_full_form_normalises_the_scope_id()
    {
        var topic = _parser.ParseFullForm("customer_id:74AC5405-7C70-4184-9388-1C9F8F8CE25F:call").Topic;

        topic!.Value.Should().Be("customer_id:" + Customer + ":call");
    }
}
