namespace VoipBin.Realtime.Topics;

/// <summary>Who a topic belongs to: its first segment.</summary>
internal enum TopicScope
{
    /// <summary><c>customer_id:&lt;uuid&gt;...</c></summary>
    Customer,

    /// <summary><c>agent_id:&lt;uuid&gt;...</c></summary>
    Agent,
}
