namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>One Rating <c>Package</c>.</summary>
internal sealed record RatePackageWire
{
    [JsonPropertyName("PackagingType")]
    public required CodeWire PackagingType { get; init; }

    [JsonPropertyName("PackageWeight")]
    public required PackageWeightWire PackageWeight { get; init; }
}
