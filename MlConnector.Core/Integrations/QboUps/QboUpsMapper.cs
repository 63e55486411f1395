using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>
/// Pure mapping between QBO purchase orders and UPS shipments, and from UPS costs and statuses to QBO bills and journal
/// entries. No I/O. The choices:
/// <list type="bullet">
/// <item>Ship to = the PO's <c>ShipAddr</c> (the merchant's receiving address), ship from = the PO's <c>VendorAddr</c> (else the
/// vendor's <c>BillAddr</c>), shipper = the merchant (the UPS account holder, billed as bill-shipper) at the ship-to address.</item>
/// <item>A QBO address whose first line is followed by a street line uses the first line as the name (QBO's usual layout for
/// a company address); otherwise the vendor's or PO's name is used. City, state and postal code are required: an address QBO holds
/// only as free-form lines is a data error that names the field.</item>
/// <item>Service = the <see cref="QboUpsNames.ShipMethodMapping"/> of the PO's ship method, else <c>ups.serviceCode</c> (03, Ground).</item>
/// <item>One package; its weight = Σ quantity × <see cref="QboUpsNames.ItemWeightMapping"/> over item lines when any item is mapped,
/// else <c>ups.packageWeightLbs</c> (1 lb).</item>
/// </list>
/// </summary>
public static class QboUpsMapper
{
    /// <summary>QBO limits DocNumber on bills and journal entries to 21 characters.</summary>
    public const int MaxDocNumberLength = 21;

    /// <summary>Builds the UPS shipment of a purchase order.</summary>
    /// <param name="connection">The connection (mappings).</param>
    /// <param name="settings">Its settings.</param>
    /// <param name="po">The purchase order.</param>
    /// <param name="vendor">Its vendor, if it could be read.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ConnectorValidationException">When an address is missing or incomplete, naming the PO field.</exception>
    public static ShipmentPlan ToPlan(Connection connection, QboUpsSettings settings, QboPurchaseOrder po, QboVendor? vendor)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(po);
        var poId = po.Id ?? throw new ArgumentException("The purchase order has no Id.", nameof(po));
        var number = string.IsNullOrWhiteSpace(po.DocNumber) ? poId : po.DocNumber;
        var vendorName = vendor?.CompanyName ?? vendor?.DisplayName ?? po.VendorRef?.Name ?? "Vendor";
        var shipTo = ToAddress(po.ShipAddr, $"PO {number}", "ShipAddr", fallbackName: connection.DisplayName is { Length: > 0 } d ? d : "Receiving");
        var fromSource = HasStreet(po.VendorAddr) ? po.VendorAddr : vendor?.BillAddr;
        var shipFrom = ToAddress(fromSource, $"PO {number}", "VendorAddr", vendorName) with { Phone = vendor?.PrimaryPhone?.FreeFormNumber };
        var service = ServiceFor(connection, settings, po.ShipMethodRef);
        var package = new UpsPackage(WeightOf(connection, settings, po)) { Description = Truncate($"PO {number}", 35) };
        var request = new UpsShipmentRequest(shipTo, shipFrom, shipTo, service, [package], Truncate($"PO {number}", 35))
        {
            Description = Truncate($"Goods on purchase order {number}", 50),
            NegotiatedRates = settings.NegotiatedRates,
        };
        return new ShipmentPlan(connection.Id, poId, number, request);
    }

    /// <summary>The bill for a shipment's cost: one account-based expense line to the configured expense account.</summary>
    /// <param name="settings">The settings (vendor, expense account).</param>
    /// <param name="request">The plan, quote and shipment.</param>
    /// <param name="txnDate">The bill date (company local date).</param>
    /// <param name="currency">The posting currency (<see cref="QboPostingCurrency"/>); null for the home currency.</param>
    /// <returns>The bill to create, its amounts in the shipment's currency.</returns>
    public static QboBill ToBill(QboUpsSettings settings, CostPostingRequest request, DateOnly txnDate, QboPostingCurrency? currency = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(request);
        return new QboBill
        {
            DocNumber = DocNumberFor(request.Rated.Plan),
            TxnDate = txnDate,
            VendorRef = new QboRef(settings.UpsVendorId!),
            CurrencyRef = currency?.CurrencyRef,
            ExchangeRate = currency?.ExchangeRate,
            PrivateNote = Memo(request.Rated.Plan.PurchaseOrderNumber, request.Shipment.ShipmentIdentificationNumber, request.Shipment.TrackingNumbers.Select(t => $"{t}: Label created")),
            Line =
            [
                new QboLine
                {
                    DetailType = "AccountBasedExpenseLineDetail",
                    Amount = request.Shipment.Charge,
                    Description = CostDescription(request),
                    AccountBasedExpenseLineDetail = new QboAccountBasedExpenseLineDetail(new QboRef(settings.ExpenseAccountId)),
                },
            ],
        };
    }

    /// <summary>The journal entry for a shipment's cost: debit the expense account, credit the configured credit account.</summary>
    /// <param name="settings">The settings (accounts).</param>
    /// <param name="request">The plan, quote and shipment.</param>
    /// <param name="txnDate">The entry date (company local date).</param>
    /// <param name="currency">The posting currency (<see cref="QboPostingCurrency"/>); null for the home currency.</param>
    /// <returns>The balanced entry to create, its amounts in the shipment's currency.</returns>
    public static QboJournalEntry ToJournalEntry(QboUpsSettings settings, CostPostingRequest request, DateOnly txnDate, QboPostingCurrency? currency = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(request);
        var description = CostDescription(request);
        return new QboJournalEntry
        {
            DocNumber = DocNumberFor(request.Rated.Plan),
            TxnDate = txnDate,
            CurrencyRef = currency?.CurrencyRef,
            ExchangeRate = currency?.ExchangeRate,
            PrivateNote = Memo(request.Rated.Plan.PurchaseOrderNumber, request.Shipment.ShipmentIdentificationNumber, request.Shipment.TrackingNumbers.Select(t => $"{t}: Label created")),
            Line =
            [
                new QboLine { DetailType = "JournalEntryLineDetail", Amount = request.Shipment.Charge, Description = description, JournalEntryLineDetail = new QboJournalEntryLineDetail(QboJournalEntryLineDetail.Debit, new QboRef(settings.ExpenseAccountId)) },
                new QboLine { DetailType = "JournalEntryLineDetail", Amount = request.Shipment.Charge, Description = description, JournalEntryLineDetail = new QboJournalEntryLineDetail(QboJournalEntryLineDetail.Credit, new QboRef(settings.JournalCreditAccountId!)) },
            ],
        };
    }

    /// <summary>The DocNumber of a PO's bill or journal entry: <c>UPS-{PO number}</c>, cut to 21 characters.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The DocNumber.</returns>
    public static string DocNumberFor(ShipmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Truncate("UPS-" + plan.PurchaseOrderNumber, MaxDocNumberLength);
    }

    /// <summary>
    /// The memo of a PO's bill or journal entry: the UPS shipment and each package's latest status, for example
    /// <c>ml-connector: UPS shipment 1Z… for PO 1001. 1Z…: Delivered 2026-11-25 10:14 (Alpharetta, GA)</c>. At most 4000 characters (QBO's limit).
    /// </summary>
    /// <param name="purchaseOrderNumber">The PO number.</param>
    /// <param name="shipmentId">The UPS shipment id.</param>
    /// <param name="packageLines">One <c>{tracking}: {status}</c> text per package.</param>
    /// <returns>The memo.</returns>
    public static string Memo(string purchaseOrderNumber, string shipmentId, IEnumerable<string> packageLines) =>
        Truncate($"ml-connector: UPS shipment {shipmentId} for PO {purchaseOrderNumber}. {string.Join("; ", packageLines)}", 4000);

    private static string CostDescription(CostPostingRequest request)
    {
        var quote = request.Rated.Quote;
        var text = $"UPS service {request.Rated.Plan.Request.ServiceCode} shipment {request.Shipment.ShipmentIdentificationNumber} for PO {request.Rated.Plan.PurchaseOrderNumber}";
        return quote.BillableCharge == request.Shipment.Charge
            ? $"{text} ({request.Shipment.CurrencyCode})"
            : $"{text} ({request.Shipment.CurrencyCode}; quoted {quote.BillableCharge.ToString("0.00", CultureInfo.InvariantCulture)} {quote.CurrencyCode})";
    }

    private static string ServiceFor(Connection connection, QboUpsSettings settings, QboRef? shipMethod)
    {
        if (shipMethod is not null)
        {
            if (connection.GetMapping(QboUpsNames.ShipMethodMapping, shipMethod.Value) is { Length: > 0 } byValue)
            {
                return byValue;
            }

            if (shipMethod.Name is { Length: > 0 } name && connection.GetMapping(QboUpsNames.ShipMethodMapping, name) is { Length: > 0 } byName)
            {
                return byName;
            }
        }

        return settings.ServiceCode;
    }

    private static decimal WeightOf(Connection connection, QboUpsSettings settings, QboPurchaseOrder po)
    {
        decimal total = 0;
        var mapped = false;
        foreach (var line in po.Line)
        {
            if (line.ItemBasedExpenseLineDetail is { } detail
                && connection.GetMapping(QboUpsNames.ItemWeightMapping, detail.ItemRef.Value) is { } text
                && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var perUnit))
            {
                total += perUnit * (detail.Qty ?? 1);
                mapped = true;
            }
        }

        return mapped && total > 0 ? decimal.Round(total, 1, MidpointRounding.AwayFromZero) : settings.PackageWeightLbs;
    }

    private static bool HasStreet(QboPhysicalAddress? address) =>
        address is not null && !string.IsNullOrWhiteSpace(address.Line1) && !string.IsNullOrWhiteSpace(address.PostalCode);

    private static UpsAddress ToAddress(QboPhysicalAddress? address, string document, string field, string fallbackName)
    {
        if (address is null || string.IsNullOrWhiteSpace(address.Line1))
        {
            throw Invalid(document, field, "has no address");
        }

        var city = address.City?.Trim();
        var state = address.CountrySubDivisionCode?.Trim();
        var postal = address.PostalCode?.Trim();
        if (string.IsNullOrEmpty(city) || string.IsNullOrEmpty(state) || string.IsNullOrEmpty(postal))
        {
            throw Invalid(document, field, "needs a city, a state and a postal code in their own fields");
        }

        var lines = new[] { address.Line1, address.Line2, address.Line3 }.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!.Trim()).ToList();
        var name = fallbackName;
        if (lines.Count > 1 && !char.IsAsciiDigit(lines[0][0]))
        {
            name = lines[0];
            lines.RemoveAt(0);
        }

        return new UpsAddress(Truncate(name, 35), [.. lines.Take(3).Select(l => Truncate(l, 35))], city, state.ToUpperInvariant(), postal, CountryCode(address.Country, document, field));
    }

    private static string CountryCode(string? country, string document, string field)
    {
        var value = country?.Trim() ?? string.Empty;
        return value.ToUpperInvariant() switch
        {
            "" or "US" or "USA" or "UNITED STATES" or "UNITED STATES OF AMERICA" => "US",
            "PR" or "PUERTO RICO" => "PR",
            "CA" or "CAN" or "CANADA" => "CA",
            var code when code.Length == 2 && code.All(char.IsAsciiLetter) => code,
            _ => throw Invalid(document, field + ".Country", $"has a country UPS needs as a 2-letter ISO code, got '{value}'"),
        };
    }

    private static ConnectorValidationException Invalid(string document, string field, string problem) =>
        new(IntegrationKinds.QboUps, $"{document}: {field} {problem}; correct it in QuickBooks Online and replay.", field: field);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
