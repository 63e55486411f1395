namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>A V1 carrier service (<c>GET /carriers/listservices</c> array item).</summary>
internal sealed record V1CarrierServiceWire
{
    [JsonPropertyName("carrierCode")]
    public string? CarrierCode { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("domestic")]
    public bool Domestic { get; init; }

    [JsonPropertyName("international")]
    public bool International { get; init; }
}
