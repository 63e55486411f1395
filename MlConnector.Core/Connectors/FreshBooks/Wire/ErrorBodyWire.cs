namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>
/// Every FreshBooks error shape in one reader (PROTOCOL-NOTES §4, SDK fixtures): old accounting
/// <c>{"response":{"errors":[{errno,field,message,object,value}]}}</c>; new accounting
/// <c>{"code":5,"message","details":[{"@type","reason","domain","metadata":{…}}]}</c>; events <c>{"errno":422,"message","details":["…"]}</c>;
/// auth <c>{"error","error_description"}</c>.
/// </summary>
internal sealed class ErrorBodyWire
{
    [JsonPropertyName("response")]
    public ErrorResponseWire? Response { get; set; }

    [JsonPropertyName("code")]
    public JsonElement? Code { get; set; }

    [JsonPropertyName("errno")]
    public JsonElement? Errno { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("details")]
    public List<JsonElement>? Details { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; set; }
}
