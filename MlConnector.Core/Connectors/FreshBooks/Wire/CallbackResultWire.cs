namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary><c>result</c> of a single callback: <c>{"callback":{…}}</c>.</summary>
internal sealed class CallbackResultWire
{
    [JsonPropertyName("callback")]
    public CallbackWire? Callback { get; set; }
}
