namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary><c>result</c> of a single client: <c>{"client":{…}}</c>.</summary>
internal sealed class ClientResultWire
{
    [JsonPropertyName("client")]
    public ClientWire? Client { get; set; }
}
