namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The rate QBO uses between a foreign currency and the company's home currency on a date: the number of home-currency
/// units that equal one unit of <see cref="SourceCurrencyCode"/> (Finance.xsd, <c>Transaction.ExchangeRate</c>: "exchange
/// rates are always recorded as the number of home currency units it takes to equal one foreign currency unit").
/// </summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>ExchangeRate</c>, lines 11777–11835; the entity is
/// <c>ExchangeRate</c> in IntuitRestServiceDef.xsd line 80); read with
/// <c>GET /v3/company/{realmId}/exchangerate?sourcecurrencycode={code}&amp;asofdate={yyyy-MM-dd}</c> (Intuit API reference,
/// ExchangeRate "Get an exchange rate"; multicurrency companies only).</remarks>
public sealed record QboExchangeRate
{
    /// <summary>The foreign currency (ISO 4217).</summary>
    public string? SourceCurrencyCode { get; init; }

    /// <summary>The currency it is expressed in, normally the home currency.</summary>
    public string? TargetCurrencyCode { get; init; }

    /// <summary>Home-currency units per one unit of <see cref="SourceCurrencyCode"/>.</summary>
    public decimal? Rate { get; init; }

    /// <summary>The date the rate is for.</summary>
    public DateOnly? AsOfDate { get; init; }
}
