namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>One old-shape accounting error: <c>errno</c> (for example 1012 not found), <c>field</c>, <c>message</c>, <c>object</c>, <c>value</c>.</summary>
internal sealed class AccountingErrorWire
{
    [JsonPropertyName("errno")]
    public int Errno { get; set; }

    [JsonPropertyName("field")]
    public string? Field { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("object")]
    public string? Object { get; set; }
}
