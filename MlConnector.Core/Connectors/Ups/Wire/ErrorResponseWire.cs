namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The UPS error body <c>{"response":{"errors":[{"code","message"}]}}</c> (<c>ErrorResponse</c> in every UPS spec).</summary>
internal sealed record ErrorResponseWire
{
    [JsonPropertyName("response")]
    public ErrorListWire? Response { get; init; }
}
