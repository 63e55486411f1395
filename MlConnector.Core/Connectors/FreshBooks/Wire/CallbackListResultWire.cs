namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary><c>result</c> of a callback list (python-sdk-fixtures/list_callbacks_response.json).</summary>
internal sealed class CallbackListResultWire : PageWire
{
    [JsonPropertyName("callbacks")]
    public List<CallbackWire>? Callbacks { get; set; }
}
