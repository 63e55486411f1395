namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One Ship <c>Package</c>.</summary>
internal sealed record ShipPackageWire
{
    [JsonPropertyName("Description")]
    public string? Description { get; init; }

    [JsonPropertyName("Packaging")]
    public required CodeWire Packaging { get; init; }

    [JsonPropertyName("PackageWeight")]
    public required PackageWeightWire PackageWeight { get; init; }

    [JsonPropertyName("ReferenceNumber")]
    public List<ReferenceNumberWire>? ReferenceNumber { get; init; }
}
