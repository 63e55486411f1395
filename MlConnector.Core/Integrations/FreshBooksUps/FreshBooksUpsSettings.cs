using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// A <c>freshbooks-ups</c> connection's settings, read together, with their documented defaults
/// (docs/integrations/freshbooks-ups.md): an invoice ships when it has a line named <c>Shipping</c>; tracking goes to the
/// end of the notes; UPS Ground (03); 1 lb when no item weight is mapped.
/// </summary>
/// <param name="ShipFlag"><see cref="FreshBooksUpsNames.FlagLine"/> or <see cref="FreshBooksUpsNames.FlagNotes"/>.</param>
/// <param name="ShipFlagText">The flagging line name or notes marker (compared ignoring case).</param>
/// <param name="TrackingWriteBack"><see cref="FreshBooksUpsNames.WriteBackNotes"/> or <see cref="FreshBooksUpsNames.WriteBackLine"/>.</param>
/// <param name="ServiceCode">The UPS service when the flagging line has no <see cref="FreshBooksUpsNames.ShipServiceMapping"/>.</param>
/// <param name="PackageWeightLbs">The package weight in pounds when no line's item weight is mapped.</param>
/// <param name="NegotiatedRates">Whether to ask UPS for negotiated rates.</param>
public sealed record FreshBooksUpsSettings(string ShipFlag, string ShipFlagText, string TrackingWriteBack, string ServiceCode, decimal PackageWeightLbs, bool NegotiatedRates)
{
    /// <summary>The UPS service used when nothing else is configured: 03, UPS Ground (Rating.yaml service codes).</summary>
    public const string DefaultServiceCode = "03";

    /// <summary>Reads the settings of a connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ConnectorValidationException">When <c>ups.packageWeightLbs</c> is not a positive decimal.</exception>
    public static FreshBooksUpsSettings From(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var flag = connection.GetSetting(FreshBooksClient.Connector, FreshBooksUpsNames.ShipFlagSetting) ?? FreshBooksUpsNames.FlagLine;
        var text = connection.GetSetting(FreshBooksClient.Connector, FreshBooksUpsNames.ShipFlagTextSetting) is { Length: > 0 } configured
            ? configured
            : flag == FreshBooksUpsNames.FlagNotes ? FreshBooksUpsNames.DefaultNotesMarker : FreshBooksUpsNames.DefaultShipLineName;
        var weight = 1m;
        if (connection.GetSetting("ups", "packageWeightLbs") is { } weightText
            && (!decimal.TryParse(weightText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out weight) || weight <= 0))
        {
            throw new ConnectorValidationException(IntegrationKinds.FreshBooksUps, $"Connection '{connection.Id}' has ups.packageWeightLbs '{weightText}', which is not a positive number of pounds.", field: "settings.ups.packageWeightLbs");
        }

        return new FreshBooksUpsSettings(
            flag,
            text,
            connection.GetSetting(FreshBooksClient.Connector, FreshBooksUpsNames.TrackingWriteBackSetting) ?? FreshBooksUpsNames.WriteBackNotes,
            connection.GetSetting("ups", "serviceCode") ?? DefaultServiceCode,
            weight,
            string.Equals(connection.GetSetting("ups", "negotiatedRates"), "true", StringComparison.Ordinal));
    }

    /// <summary>True when the invoice is flagged for shipping under these settings (and not deleted).</summary>
    /// <param name="invoice">The invoice.</param>
    /// <returns>Whether it ships.</returns>
    public bool IsFlagged(FreshBooksInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return !invoice.Deleted && (ShipFlag == FreshBooksUpsNames.FlagNotes
            ? invoice.Notes.Contains(ShipFlagText, StringComparison.OrdinalIgnoreCase)
            : FlagLine(invoice) is not null);
    }

    /// <summary>The line that flags the invoice (line mode), or null.</summary>
    /// <param name="invoice">The invoice.</param>
    /// <returns>The line.</returns>
    public FreshBooksInvoiceLine? FlagLine(FreshBooksInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return ShipFlag == FreshBooksUpsNames.FlagLine
            ? invoice.Lines.FirstOrDefault(l => string.Equals(l.Name.Trim(), ShipFlagText, StringComparison.OrdinalIgnoreCase))
            : null;
    }

    /// <summary>What flags an invoice, for audit rows: <c>a line named "Shipping"</c> or <c>"[ship-ups]" in the notes</c>.</summary>
    /// <returns>The text.</returns>
    public string DescribeFlag() => ShipFlag == FreshBooksUpsNames.FlagNotes ? $"\"{ShipFlagText}\" in the notes" : $"a line named \"{ShipFlagText}\"";
}
