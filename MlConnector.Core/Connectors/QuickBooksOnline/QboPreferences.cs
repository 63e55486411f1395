namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO company's preferences, of which the connector reads the currency preferences.</summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>Preferences</c>, line 13912: <c>CurrencyPrefs</c>);
/// read with <c>GET /v3/company/{realmId}/preferences</c> (Intuit API reference, Preferences "Query preferences").</remarks>
public sealed record QboPreferences
{
    /// <summary>Whether the company uses multicurrency and what its home currency is.</summary>
    public QboCurrencyPrefs? CurrencyPrefs { get; init; }
}
