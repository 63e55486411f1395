using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>
/// A company's currency: its preferences (home currency, multicurrency on or off) and the exchange rates QBO holds.
/// Default for every realm: home currency USD, multicurrency off (QBO's default: "By default, multicurrency is disabled",
/// https://developer.intuit.com/app/developer/qbo/docs/workflows/manage-multiple-currencies).
/// </summary>
public sealed partial class QuickBooksOnlineSimulator
{
    private readonly Dictionary<string, CurrencySetup> _currencies = new(StringComparer.Ordinal);

    /// <summary>Sets a company's home currency and whether multicurrency is on.</summary>
    /// <param name="realmId">The realm.</param>
    /// <param name="homeCurrency">The ISO 4217 home currency, for example <c>USD</c>.</param>
    /// <param name="multiCurrencyEnabled">Whether multicurrency is on.</param>
    public void ConfigureCurrency(string realmId, string homeCurrency, bool multiCurrencyEnabled)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(realmId);
        ArgumentException.ThrowIfNullOrWhiteSpace(homeCurrency);
        lock (_lock)
        {
            var setup = CurrencyOf(realmId);
            setup.Home = homeCurrency.ToUpperInvariant();
            setup.MultiCurrency = multiCurrencyEnabled;
        }
    }

    /// <summary>Sets the rate QBO holds for a foreign currency (home-currency units per one foreign unit), for every date.</summary>
    /// <param name="realmId">The realm.</param>
    /// <param name="sourceCurrency">The foreign currency.</param>
    /// <param name="rate">The rate.</param>
    public void SetExchangeRate(string realmId, string sourceCurrency, decimal rate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(realmId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceCurrency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        lock (_lock)
        {
            CurrencyOf(realmId).Rates[sourceCurrency.ToUpperInvariant()] = rate;
        }
    }

    /// <summary>
    /// <c>GET /v3/company/{realmId}/preferences</c> (Finance.xsd <c>Preferences.CurrencyPrefs</c>) and
    /// <c>GET /v3/company/{realmId}/exchangerate?sourcecurrencycode=…&amp;asofdate=…</c> (Finance.xsd <c>ExchangeRate</c>;
    /// Intuit API reference, ExchangeRate). A currency without a rate, or a company without multicurrency, answers Object
    /// Not Found (the simulator's choice: Intuit documents no answer for either).
    /// </summary>
    private bool TryCurrencyReply(string realmId, string method, string[] segments, IQueryCollection query, out Reply reply)
    {
        reply = null!;
        if (!HttpMethods.IsGet(method) || segments.Length != 1)
        {
            return false;
        }

        CurrencySetup setup;
        decimal? rate = null;
        var source = query["sourcecurrencycode"].ToString().ToUpperInvariant();
        lock (_lock)
        {
            setup = CurrencyOf(realmId);
            if (setup.MultiCurrency && setup.Rates.TryGetValue(source, out var known))
            {
                rate = known;
            }
        }

        if (string.Equals(segments[0], "preferences", StringComparison.OrdinalIgnoreCase))
        {
            var prefs = new JsonObject
            {
                ["Id"] = "1",
                ["SyncToken"] = "0",
                ["CurrencyPrefs"] = new JsonObject
                {
                    ["MultiCurrencyEnabled"] = setup.MultiCurrency,
                    ["HomeCurrency"] = new JsonObject { ["value"] = setup.Home },
                },
            };
            reply = JsonReply(StatusCodes.Status200OK, Envelope("Preferences", prefs, Time()));
            return true;
        }

        if (!string.Equals(segments[0], "exchangerate", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var asOf = query["asofdate"].ToString() is { Length: > 0 } date ? date : _time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        reply = rate is { } value
            ? JsonReply(StatusCodes.Status200OK, Envelope("ExchangeRate", new JsonObject
            {
                ["SyncToken"] = "0",
                ["SourceCurrencyCode"] = source,
                ["TargetCurrencyCode"] = setup.Home,
                ["Rate"] = value,
                ["AsOfDate"] = asOf,
            }, Time()))
            : FaultReply(ObjectNotFound("ExchangeRate", source));
        return true;
    }

    private CurrencySetup CurrencyOf(string realmId)
    {
        if (!_currencies.TryGetValue(realmId, out var setup))
        {
            setup = new CurrencySetup();
            _currencies[realmId] = setup;
        }

        return setup;
    }

    private sealed class CurrencySetup
    {
        public string Home { get; set; } = "USD";

        public bool MultiCurrency { get; set; }

        public Dictionary<string, decimal> Rates { get; } = new(StringComparer.Ordinal);
    }
}
