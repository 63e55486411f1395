namespace MlConnector.Core.Connectors.QuickBooksOnline.Wire;

/// <summary>
/// The JSON form of one <c>BatchItemResponse</c> (IntuitRestServiceDef.xsd): the <c>bId</c> and one of an entity, a
/// <c>QueryResponse</c> or a <c>Fault</c>.
/// </summary>
internal sealed class BatchItemResponseWire
{
    [JsonPropertyName("bId")]
    public string? BId { get; init; }

    public QboInvoice? Invoice { get; init; }

    public QboCustomer? Customer { get; init; }

    public QueryResponseWire? QueryResponse { get; init; }

    public JsonElement? Fault { get; init; }
}
