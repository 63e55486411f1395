namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>The old accounting error list inside <c>response</c>.</summary>
internal sealed class ErrorResponseWire
{
    [JsonPropertyName("errors")]
    public List<AccountingErrorWire>? Errors { get; set; }
}
