namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary><c>SummaryResult</c> of a void.</summary>
internal sealed record SummaryResultWire
{
    [JsonPropertyName("Status")]
    public CodeWire? Status { get; init; }
}
