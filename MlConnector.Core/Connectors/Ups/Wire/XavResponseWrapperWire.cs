namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>The XAV answer (<c>XAVResponseWrapper</c>).</summary>
internal sealed record XavResponseWrapperWire
{
    [JsonPropertyName("XAVResponse")]
    public XavResponseWire? XavResponse { get; init; }
}
