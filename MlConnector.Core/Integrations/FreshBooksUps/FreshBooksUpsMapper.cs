using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// Pure mapping between FreshBooks invoices and UPS shipments, and from package statuses to the invoice's tracking text.
/// No I/O. The choices:
/// <list type="bullet">
/// <item>Ship to = the client's UPS data override (<see cref="FreshBooksClientUpsData.ShipTo"/>), else the client's
/// shipping address (<c>s_*</c>), else its primary address (<c>p_*</c>), else the invoice's address; named after the
/// client's organization, else its contact. Ship from and shipper = the merchant's <see cref="FreshBooksUpsNames.ShipFromMapping"/>.</item>
/// <item>Country: FreshBooks holds a name (<c>Canada</c>); UPS wants ISO 3166-1 alpha-2, so common names are mapped and a
/// two-letter value is taken as is; anything else is a data error naming the address.</item>
/// <item>Shipper account = the client's own UPS account (<see cref="FreshBooksClientUpsData.ShipperAccount"/>) when it
/// has one, else the connection's.</item>
/// <item>Service = <see cref="FreshBooksUpsNames.ShipServiceMapping"/> of the flagging line's name, else <c>ups.serviceCode</c> (03).</item>
/// <item>One package; weight = Σ quantity × <see cref="FreshBooksUpsNames.ItemWeightMapping"/> over lines whose item is
/// mapped, else <c>ups.packageWeightLbs</c> (1 lb).</item>
/// </list>
/// </summary>
public static class FreshBooksUpsMapper
{
    private static readonly Dictionary<string, string> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["United States"] = "US", ["United States of America"] = "US", ["USA"] = "US", ["Canada"] = "CA", ["Mexico"] = "MX",
        ["United Kingdom"] = "GB", ["Puerto Rico"] = "PR", ["Australia"] = "AU", ["Germany"] = "DE", ["France"] = "FR",
    };

    /// <summary>The source document of an invoice.</summary>
    /// <param name="invoice">The invoice.</param>
    /// <returns>The document (<c>freshbooks-invoice</c>, id, invoice number).</returns>
    public static SourceDocument SourceOf(FreshBooksInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var id = invoice.Id.ToString(CultureInfo.InvariantCulture);
        return new SourceDocument(FreshBooksUpsNames.InvoiceSource, id, string.IsNullOrWhiteSpace(invoice.InvoiceNumber) ? id : invoice.InvoiceNumber, "Invoice");
    }

    /// <summary>Builds the UPS shipment of a flagged invoice.</summary>
    /// <param name="connection">The connection (mappings).</param>
    /// <param name="settings">Its settings.</param>
    /// <param name="invoice">The invoice.</param>
    /// <param name="customer">The invoice's client.</param>
    /// <param name="clientData">The client's UPS data, if any.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ConnectorValidationException">When an address is missing or incomplete, naming it.</exception>
    public static UpsShipmentPlan ToPlan(Connection connection, FreshBooksUpsSettings settings, FreshBooksInvoice invoice, FreshBooksCustomer customer, FreshBooksClientUpsData? clientData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(customer);
        var source = SourceOf(invoice);
        var field = $"the shipping address of FreshBooks client {customer.Id.ToString(CultureInfo.InvariantCulture)}";
        var address = clientData?.ShipTo is { IsEmpty: false } overridden ? overridden
            : customer.ShippingAddress is { IsEmpty: false } shipping ? shipping
            : !customer.BillingAddress.IsEmpty ? customer.BillingAddress
            : invoice.Address;
        var name = customer.Organization is { Length: > 0 } organization ? organization : $"{customer.FirstName} {customer.LastName}".Trim();
        var shipTo = ToAddress(address, Truncate(name.Length > 0 ? name : "Customer", 35), source, field) with
        {
            AttentionName = Truncate($"{customer.FirstName} {customer.LastName}".Trim(), 35) is { Length: > 0 } attention ? attention : null,
            Phone = customer.Phone.Length > 0 ? customer.Phone : null,
        };
        var shipFrom = ShipFrom(connection, source);
        var flagLine = settings.FlagLine(invoice);
        var service = flagLine is not null && connection.GetMapping(FreshBooksUpsNames.ShipServiceMapping, flagLine.Name.Trim()) is { Length: > 0 } mapped ? mapped : settings.ServiceCode;
        var reference = Truncate($"Invoice {source.Number}", 35);
        var request = new UpsShipmentRequest(shipFrom, shipFrom, shipTo, service, [new UpsPackage(WeightOf(connection, settings, invoice)) { Description = reference }], reference)
        {
            Description = Truncate($"Goods on invoice {source.Number}", 50),
            NegotiatedRates = settings.NegotiatedRates,
            ShipperAccount = clientData?.ShipperAccount,
        };
        return new UpsShipmentPlan(connection.Id, IntegrationKinds.FreshBooksUps, source, request, field, "FreshBooks");
    }

    /// <summary>
    /// The tracking text an invoice shows: a heading and one line per package, for example
    /// <c>UPS tracking (ml-connector):\n1Z…: Delivered 2026-12-06 10:14 (Toronto, ON, CA)</c>.
    /// </summary>
    /// <param name="packages">The invoice's package rows.</param>
    /// <returns>The text.</returns>
    public static string TrackingText(IEnumerable<UpsShipmentRecord> packages) =>
        FreshBooksUpsNames.TrackingNotesHeading + "\n" + string.Join("\n", packages.OrderBy(p => p.TrackingNumber, StringComparer.Ordinal).Select(UpsTrackingText.PackageLine));

    /// <summary>
    /// The invoice notes with the tracking block: the merchant's notes up to an earlier block, a blank line, then
    /// <paramref name="trackingText"/>. Writing the same text again gives the same notes.
    /// </summary>
    /// <param name="notes">The notes as FreshBooks holds them.</param>
    /// <param name="trackingText">The tracking text.</param>
    /// <returns>The new notes.</returns>
    public static string NotesWithTracking(string notes, string trackingText)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var at = notes.IndexOf(FreshBooksUpsNames.TrackingNotesHeading, StringComparison.Ordinal);
        var merchant = (at < 0 ? notes : notes[..at]).TrimEnd();
        return merchant.Length == 0 ? trackingText : merchant + "\n\n" + trackingText;
    }

    /// <summary>
    /// The invoice's complete line list with the tracking line (<see cref="FreshBooksUpsNames.TrackingLineName"/>, quantity
    /// 1, unit cost 0, so the total does not change) replaced or added.
    /// </summary>
    /// <param name="invoice">The invoice.</param>
    /// <param name="trackingText">The tracking text (the line's description).</param>
    /// <returns>The lines to send.</returns>
    public static IReadOnlyList<FreshBooksInvoiceLine> LinesWithTracking(FreshBooksInvoice invoice, string trackingText)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var description = trackingText[(FreshBooksUpsNames.TrackingNotesHeading.Length + 1)..].Replace("\n", "; ", StringComparison.Ordinal);
        var lines = invoice.Lines.Where(l => l.Name != FreshBooksUpsNames.TrackingLineName).ToList();
        var existing = invoice.Lines.FirstOrDefault(l => l.Name == FreshBooksUpsNames.TrackingLineName);
        lines.Add(new FreshBooksInvoiceLine(existing?.LineId, FreshBooksUpsNames.TrackingLineName, description, 1m, 0m, invoice.CurrencyCode));
        return lines;
    }

    /// <summary>True when the invoice already shows <paramref name="trackingText"/> in the configured place.</summary>
    /// <param name="invoice">The invoice.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="trackingText">The tracking text.</param>
    /// <returns>Whether nothing needs writing.</returns>
    public static bool Shows(FreshBooksInvoice invoice, FreshBooksUpsSettings settings, string trackingText)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.TrackingWriteBack == FreshBooksUpsNames.WriteBackLine
            ? invoice.Lines.FirstOrDefault(l => l.Name == FreshBooksUpsNames.TrackingLineName)?.Description == LinesWithTracking(invoice, trackingText)[^1].Description
            : invoice.Notes == NotesWithTracking(invoice.Notes, trackingText);
    }

    private static UpsAddress ShipFrom(Connection connection, SourceDocument source)
    {
        string Part(string key, bool required) =>
            connection.GetMapping(FreshBooksUpsNames.ShipFromMapping, key) is { Length: > 0 } value ? value
            : required ? throw new ConnectorValidationException(IntegrationKinds.FreshBooksUps, $"{source.Describe()}: the connection has no ship-from {key}; set mappings.{FreshBooksUpsNames.ShipFromMapping}.{key}.", field: $"mappings.{FreshBooksUpsNames.ShipFromMapping}.{key}")
            : string.Empty;

        var lines = new[] { Part("street", true), Part("street2", false) }.Where(l => l.Length > 0).ToList();
        var country = CountryCode(Part("country", true), source, $"mappings.{FreshBooksUpsNames.ShipFromMapping}.country");
        return new UpsAddress(Truncate(Part("name", true), 35), lines, Part("city", true), Part("state", true), Part("postalCode", true), country)
        {
            Phone = Part("phone", false) is { Length: > 0 } phone ? phone : null,
        };
    }

    private static UpsAddress ToAddress(FreshBooksAddress address, string name, SourceDocument source, string field)
    {
        if (address.IsEmpty || string.IsNullOrWhiteSpace(address.City) || string.IsNullOrWhiteSpace(address.PostalCode))
        {
            throw new ConnectorValidationException(IntegrationKinds.FreshBooksUps, $"{source.Describe()}: {field} lacks a street, city or postal code. Complete it in FreshBooks and replay.", field: field);
        }

        var lines = new[] { address.Street, address.Street2 }.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList();
        return new UpsAddress(name, lines, address.City.Trim(), address.Province.Trim(), address.PostalCode.Trim(), CountryCode(address.Country, source, field));
    }

    private static string CountryCode(string country, SourceDocument source, string field)
    {
        var trimmed = country.Trim();
        return Countries.TryGetValue(trimmed, out var code) ? code
            : trimmed.Length == 2 && trimmed.All(char.IsAsciiLetter) ? trimmed.ToUpperInvariant()
            : throw new ConnectorValidationException(IntegrationKinds.FreshBooksUps, $"{source.Describe()}: the country '{trimmed}' of {field} is not one ml-connector can name for UPS; use a two-letter ISO code.", field: field);
    }

    private static decimal WeightOf(Connection connection, FreshBooksUpsSettings settings, FreshBooksInvoice invoice)
    {
        decimal total = 0;
        var mapped = false;
        foreach (var line in invoice.Lines)
        {
            if (connection.GetMapping(FreshBooksUpsNames.ItemWeightMapping, line.Name.Trim()) is { } text
                && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var perUnit))
            {
                total += perUnit * line.Quantity;
                mapped = true;
            }
        }

        return mapped && total > 0 ? Math.Round(total, 1, MidpointRounding.AwayFromZero) : settings.PackageWeightLbs;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
