namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>A business: <c>id</c> (business_id, for projects and time tracking), <c>account_id</c> (accounting resources), <c>name</c>.</summary>
internal sealed class BusinessWire
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("account_id")]
    public string? AccountId { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
