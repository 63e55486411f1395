namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>A V1 carrier (<c>GET /carriers</c> array item).</summary>
internal sealed record V1CarrierWire
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("nickname")]
    public string? Nickname { get; init; }

    [JsonPropertyName("primary")]
    public bool Primary { get; init; }
}
