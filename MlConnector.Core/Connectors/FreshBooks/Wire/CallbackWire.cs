namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>A webhook callback (python-sdk-fixtures/get_callback_response.json): <c>callbackid, verified, uri, event, updated_at</c>.</summary>
internal sealed class CallbackWire
{
    [JsonPropertyName("callbackid")]
    public long CallbackId { get; set; }

    [JsonPropertyName("verified")]
    public bool Verified { get; set; }

    [JsonPropertyName("uri")]
    public string? Uri { get; set; }

    [JsonPropertyName("event")]
    public string? Event { get; set; }

    [JsonPropertyName("updated_at")]
    public string? UpdatedAt { get; set; }
}
