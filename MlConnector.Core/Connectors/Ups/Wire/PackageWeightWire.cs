namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>PackageWeight</c>: the weight as a string and its unit.</summary>
internal sealed record PackageWeightWire
{
    [JsonPropertyName("UnitOfMeasurement")]
    public required CodeWire UnitOfMeasurement { get; init; }

    [JsonPropertyName("Weight")]
    public required string Weight { get; init; }
}
