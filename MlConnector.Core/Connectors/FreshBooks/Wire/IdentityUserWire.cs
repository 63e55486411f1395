namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>The signed-in user with the businesses it belongs to.</summary>
internal sealed class IdentityUserWire
{
    [JsonPropertyName("identity_id")]
    public long IdentityId { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("business_memberships")]
    public List<BusinessMembershipWire>? BusinessMemberships { get; set; }
}
