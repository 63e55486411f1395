using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>
/// The currency a shipment's cost is posted in to QBO: its own currency, always. A charge in the company's home currency
/// is posted as before (no <c>CurrencyRef</c>); a charge in another currency is posted with <c>CurrencyRef</c> and QBO's
/// own <c>ExchangeRate</c> for the posting date when the company has multicurrency on, and is a data error naming the
/// currency when it is off. It is never posted as home currency. Sources: Finance.xsd <c>CurrencyPrefs</c>
/// (<c>MultiCurrencyEnabled</c>, <c>HomeCurrency</c>), <c>Transaction.CurrencyRef</c> / <c>ExchangeRate</c> ("valid only if
/// the company file is set up to use Multi-Currency"), Intuit's "Manage multiple currencies" workflow and the ExchangeRate
/// entity (see <see cref="QboExchangeRate"/>).
/// </summary>
/// <param name="CurrencyCode">The ISO 4217 currency the amounts are in.</param>
/// <param name="HomeCurrencyCode">The company's home currency.</param>
/// <param name="ExchangeRate">Home-currency units per one unit of <paramref name="CurrencyCode"/>; null for home currency.</param>
public sealed record QboPostingCurrency(string CurrencyCode, string HomeCurrencyCode, decimal? ExchangeRate)
{
    /// <summary>Whether the amounts are in a currency other than the home currency.</summary>
    public bool IsForeign => ExchangeRate is not null;

    /// <summary>The <c>CurrencyRef</c> to send: the currency when foreign, else none (QBO's home currency).</summary>
    public QboRef? CurrencyRef => IsForeign ? new QboRef(CurrencyCode) : null;

    /// <summary>Decides how a charge is posted, reading the company's currency preferences and, for a foreign charge, QBO's rate.</summary>
    /// <param name="qbo">The QBO client.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="document">The document the charge is for, as people name it (<c>PO 1001</c>).</param>
    /// <param name="currencyCode">The charge's currency (ISO 4217).</param>
    /// <param name="postingDate">The transaction date (the rate's as-of date).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The posting currency.</returns>
    /// <exception cref="ConnectorValidationException">
    /// When the company's multicurrency is off (or its home currency unknown) and the charge is in another currency, or QBO
    /// holds no rate for the currency on the date; the message names the currency.
    /// </exception>
    public static async Task<QboPostingCurrency> ResolveAsync(
        IQuickBooksOnlineClient qbo,
        string connectionId,
        string document,
        string currencyCode,
        DateOnly postingDate,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(qbo);
        ArgumentException.ThrowIfNullOrWhiteSpace(currencyCode);
        var prefs = (await qbo.GetPreferencesAsync(connectionId, cancellationToken)).CurrencyPrefs;
        var home = prefs?.HomeCurrency?.Value;
        if (home is not null && string.Equals(home, currencyCode, StringComparison.OrdinalIgnoreCase))
        {
            return new QboPostingCurrency(home.ToUpperInvariant(), home.ToUpperInvariant(), null);
        }

        var code = currencyCode.ToUpperInvariant();
        if (home is null)
        {
            throw new ConnectorValidationException(
                IntegrationKinds.QboUps,
                $"{document}: UPS charged the shipment in {code}, but QuickBooks Online did not report the company's home currency, so it is not posted (never as another currency). Check the company's currency settings in QuickBooks Online and replay.",
                field: "CurrencyRef");
        }

        if (prefs?.MultiCurrencyEnabled != true)
        {
            throw new ConnectorValidationException(
                IntegrationKinds.QboUps,
                $"{document}: UPS charged the shipment in {code}, but the QuickBooks Online company's home currency is {home} and multicurrency is off, so the {code} charge cannot be posted (and is never posted as {home}). "
                + $"Turn on multicurrency in QuickBooks Online (Account and settings, Advanced, Currency) or have UPS bill the account in {home}, then replay.",
                field: "CurrencyRef");
        }

        var rate = await qbo.GetExchangeRateAsync(connectionId, code, postingDate, cancellationToken)
            ?? throw new ConnectorValidationException(
                IntegrationKinds.QboUps,
                $"{document}: UPS charged the shipment in {code}, and QuickBooks Online holds no {code} to {home} exchange rate for {postingDate:yyyy-MM-dd}. Add the rate in QuickBooks Online (Currencies) and replay.",
                field: "ExchangeRate");
        return new QboPostingCurrency(code, home.ToUpperInvariant(), rate.Rate!.Value);
    }

    /// <summary>The currency as an audit phrase, for example <c>CAD at 0.7312 USD per CAD</c>.</summary>
    /// <returns>The phrase.</returns>
    public string Describe() => IsForeign
        ? string.Create(CultureInfo.InvariantCulture, $"{CurrencyCode} at {ExchangeRate} {HomeCurrencyCode} per {CurrencyCode}")
        : CurrencyCode;
}
