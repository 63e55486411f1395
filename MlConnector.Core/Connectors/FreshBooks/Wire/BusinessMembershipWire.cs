namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>One <c>business_memberships[]</c> entry: the role and the business (<c>id</c> = business_id, <c>account_id</c>).</summary>
internal sealed class BusinessMembershipWire
{
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    [JsonPropertyName("business")]
    public BusinessWire? Business { get; set; }
}
