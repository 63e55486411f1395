namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>A FreshBooks money object <c>{"amount":"20.00","code":"CAD"}</c> (amount a decimal string).</summary>
internal sealed class MoneyWire
{
    [JsonPropertyName("amount")]
    public string? Amount { get; set; }

    [JsonPropertyName("code")]
    public string? Code { get; set; }
}
