using VoipBin.Realtime.Backplane;

namespace VoipBin.Realtime.Tests.Backplane;

public sealed class RedisGroupNameTests
{
    [Fact]
    public void A_name_without_capitals_carets_or_non_ascii_is_kept_as_it_is()
    {
        const string group = "customer_id:5f0c2a4e-95c1-4c1b-9a3e-0f3f2b0e7d11:call:abc-1_2";

        RedisGroupName.Encode(group).Should().BeSameAs(group);
    }

    [Theory]
    [InlineData("call:abc", "call:ABC")]
    [InlineData("call:Abc", "call:aBC")]
    [InlineData("call:é", "call:É")]
    [InlineData("call:^a", "call:A")]
    [InlineData("call:^^", "call:^")]
    [InlineData("call:^~00e9", "call:é")]
    public void Names_that_differ_stay_different_even_ignoring_case(string first, string second)
    {
        var spelledFirst = RedisGroupName.Encode(first);
        var spelledSecond = RedisGroupName.Encode(second);

        string.Equals(spelledFirst, spelledSecond, StringComparison.OrdinalIgnoreCase).Should().BeFalse(
            $"'{first}' became '{spelledFirst}' and '{second}' became '{spelledSecond}'");
        spelledFirst.Should().MatchRegex(
            "^[\\x00-\\x40\\x5b-\\x7f]*$", "no capitals and nothing outside ASCII");
    }
}
