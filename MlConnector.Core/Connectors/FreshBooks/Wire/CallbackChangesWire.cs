namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>The fields of a callback request; absent fields are not sent.</summary>
internal sealed class CallbackChangesWire
{
    [JsonPropertyName("event")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Event { get; set; }

    [JsonPropertyName("uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uri { get; set; }

    [JsonPropertyName("callback_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? CallbackId { get; set; }

    [JsonPropertyName("verifier")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Verifier { get; set; }

    [JsonPropertyName("resend")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Resend { get; set; }
}
