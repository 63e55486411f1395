using System.Text.Json.Nodes;

namespace MlConnector.Sandbox.Ups;

/// <summary>Per-account billing currency and label faults.</summary>
public sealed partial class UpsSimulator
{
    private readonly Dictionary<string, string> _accountCurrencies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<bool> _labelOmissions = new();

    /// <summary>
    /// Bills a shipper number in another currency: its rates and shipments carry <paramref name="currencyCode"/> in every
    /// <c>CurrencyCode</c> (Rating.yaml / Shipping.yaml: charges come with their ISO 4217 <c>CurrencyCode</c>; an account is
    /// billed in its country's currency, so a Canadian account's charges are CAD). Amounts stay the simulator's tariff.
    /// </summary>
    /// <param name="shipperNumber">The shipper number.</param>
    /// <param name="currencyCode">The ISO 4217 code, for example <c>CAD</c>.</param>
    public void SetAccountCurrency(string shipperNumber, string currencyCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipperNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(currencyCode);
        lock (_lock)
        {
            _accountCurrencies[shipperNumber] = currencyCode.ToUpperInvariant();
        }
    }

    /// <summary>
    /// The next Ship response carries no label: every <c>PackageResults</c> entry lacks <c>ShippingLabel</c>, or, with
    /// <paramref name="emptyImage"/>, has one whose <c>GraphicImage</c> is empty. The shipment is created as usual (UPS
    /// created and bills it; only the label is missing from the answer).
    /// </summary>
    /// <param name="emptyImage">Send <c>ShippingLabel</c> with an empty <c>GraphicImage</c> instead of leaving it out.</param>
    public void OmitNextShippingLabel(bool emptyImage = false)
    {
        lock (_lock)
        {
            _labelOmissions.Enqueue(emptyImage);
        }
    }

    private string CurrencyOf(string? shipperNumber)
    {
        lock (_lock)
        {
            return shipperNumber is not null && _accountCurrencies.TryGetValue(shipperNumber, out var currency) ? currency : Currency;
        }
    }

    /// <summary>Applies a queued label omission to the package results of one Ship response, if one is queued.</summary>
    private void ApplyLabelOmission(List<JsonNode> packageResults)
    {
        bool emptyImage;
        lock (_lock)
        {
            if (!_labelOmissions.TryDequeue(out emptyImage))
            {
                return;
            }
        }

        foreach (var result in packageResults.OfType<JsonObject>())
        {
            if (emptyImage && result["ShippingLabel"] is JsonObject label)
            {
                label["GraphicImage"] = string.Empty;
            }
            else
            {
                result.Remove("ShippingLabel");
            }
        }
    }
}
