namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO company's currency preferences.</summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>CurrencyPrefs</c>, lines 12769–12790). Multicurrency is
/// off by default and cannot be turned off once on (https://developer.intuit.com/app/developer/qbo/docs/workflows/manage-multiple-currencies).</remarks>
public sealed record QboCurrencyPrefs
{
    /// <summary>Whether multicurrency is enabled for the company; null when QBO leaves it out (treated as off).</summary>
    public bool? MultiCurrencyEnabled { get; init; }

    /// <summary>The company's home currency (<c>value</c> = ISO 4217 code, for example <c>USD</c>).</summary>
    public QboRef? HomeCurrency { get; init; }
}
