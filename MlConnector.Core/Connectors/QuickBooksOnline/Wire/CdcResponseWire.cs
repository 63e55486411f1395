namespace MlConnector.Core.Connectors.QuickBooksOnline.Wire;

/// <summary>
/// The JSON form of QBO's <c>CDCResponse</c> (IntuitRestServiceDef.xsd: a choice of <c>QueryResponse</c>, unbounded, or a
/// <c>Fault</c>). Each <c>QueryResponse</c> holds one entity name's array of changed objects, deleted ones as
/// <c>{"status":"Deleted","Id",…}</c>; they are read generically because CDC may return any entity.
/// </summary>
internal sealed class CdcResponseWire
{
    public List<JsonElement>? QueryResponse { get; init; }

    /// <summary>A Fault reported inside the CDC response.</summary>
    public JsonElement? Fault { get; init; }
}
