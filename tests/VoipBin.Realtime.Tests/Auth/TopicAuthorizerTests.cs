using Microsoft.Extensions.Options;
using VoipBin.Realtime.Auth;
using VoipBin.Realtime.Hosting;
using VoipBin.Realtime.Topics;

namespace VoipBin.Realtime.Tests.Auth;

public sealed class TopicAuthorizerTests
{
    private readonly Guid _customer = Guid.NewGuid();
    private readonly Guid _agent = Guid.NewGuid();
    private readonly Guid _stranger = Guid.NewGuid();
    private readonly TopicParser _parser = new(Options.Create(new LimitsOptions()));

    [Theory]
    [MemberData(nameof(PermissionTable.Rows), MemberType = typeof(PermissionTable))]
    public void The_permission_table_decides_who_may_subscribe(string permissions, string template, bool allowed)
    {
        var caller = new CallerIdentity(_customer, _agent, PermissionTable.PermissionsOf(permissions));
        var topic = _parser.Parse(PermissionTable.TopicFor(template, _customer, _agent, _stranger), _customer).Topic;

        TopicAuthorizer.MaySubscribe(caller, topic!).Should().Be(allowed);
    }

    [Fact]
    public void A_token_without_a_customer_may_subscribe_to_no_customer_topic()
    {
        var caller = new CallerIdentity(null, _agent, [Permissions.CustomerAdmin, Permissions.CustomerManager]);
        var topic = _parser.ParseFullForm($"customer_id:{_customer}:call").Topic!;

        TopicAuthorizer.MaySubscribe(caller, topic).Should().BeFalse();
    }

    [Fact]
    public void A_token_without_an_agent_may_subscribe_to_no_agent_topic()
    {
        var caller = new CallerIdentity(_customer, null, [Permissions.CustomerAdmin]);
        var topic = _parser.ParseFullForm($"agent_id:{_agent}").Topic!;

        TopicAuthorizer.MaySubscribe(caller, topic).Should().BeFalse();
    }

    [Theory]
    [InlineData("event_publisher", true)]
    [InlineData("project_super_admin", true)]
    [InlineData("customer_admin,customer_manager,customer_agent", false)]
    [InlineData("", false)]
    public void Only_publishers_and_super_admins_may_publish(string permissions, bool allowed)
    {
        var caller = new CallerIdentity(_customer, _agent, PermissionTable.PermissionsOf(permissions));

        TopicAuthorizer.MayPublish(caller).Should().Be(allowed);
    }

    [Fact]
    public void Permission_names_are_matched_exactly()
    {
        var caller = new CallerIdentity(_customer, _agent, ["Customer_Admin", "project_super_admin "]);
        var topic = _parser.ParseFullForm($"customer_id:{_customer}:call").Topic!;

        TopicAuthorizer.MaySubscribe(caller, topic).Should().BeFalse();
    }
}
