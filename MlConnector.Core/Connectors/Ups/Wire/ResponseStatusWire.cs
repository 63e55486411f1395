namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>A <c>Response</c> container: <c>ResponseStatus.Code</c> <c>1</c> is success.</summary>
internal sealed record ResponseStatusWire
{
    [JsonPropertyName("ResponseStatus")]
    public CodeWire? ResponseStatus { get; init; }
}
