using System.Text.Json.Nodes;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Per-trading-partner configuration of a <c>qbo-sps</c> connection beyond <see cref="QboSpsNames.PartnerMapping"/>
/// (partner → QBO vendor), kept in the connection's mapping tables like the rest of its partner set-up:
/// <list type="bullet">
/// <item><c>spsVendorNumbers</c> (<see cref="VendorNumberMapping"/>): <c>TradingPartnerId</c> → the merchant's vendor number at
/// that partner, written to the 810's <c>Header.InvoiceHeader.Vendor</c> and the 856's <c>OrderLevel[].OrderHeader.Vendor</c>.</item>
/// <item><c>spsRequiredFields</c> (<see cref="RequiredFieldsMapping"/>): <c>{TradingPartnerId}/{810|856}</c> → the RSX fields that
/// partner requires on that document, comma-separated paths from the document root (<c>[]</c> = every element), for example
/// <c>TARGETTESTID/856</c> → <c>Header.ShipmentHeader.CarrierProNumber,Header.ShipmentHeader.BillOfLadingNumber</c>. SPS's
/// schemas make these optional (rsx-json-schema/v7.7.0); partners' own specifications make them mandatory.</item>
/// <item><c>spsCustomFields</c> (<see cref="CustomFieldMapping"/>): an RSX field name (<c>BillOfLadingNumber</c>,
/// <c>CarrierProNumber</c>, <c>Department</c>) → the name of the QBO invoice custom field that carries it (default: the same
/// name). QBO has no invoice field for these; a custom field (IntuitBaseTypes.xsd <c>CustomField.StringValue</c>) holds them.</item>
/// </list>
/// A document missing a field its partner requires is a data error naming the field and the partner, and is never sent.
/// </summary>
public static class QboSpsPartnerFields
{
    /// <summary>The mapping table of vendor numbers per partner.</summary>
    public const string VendorNumberMapping = "spsVendorNumbers";

    /// <summary>The mapping table of required RSX fields per partner and document type.</summary>
    public const string RequiredFieldsMapping = "spsRequiredFields";

    /// <summary>The mapping table of RSX field → QBO invoice custom field name.</summary>
    public const string CustomFieldMapping = "spsCustomFields";

    /// <summary>The merchant's vendor number at a partner, if configured.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="partner">The trading partner.</param>
    /// <returns>The vendor number or null.</returns>
    public static string? VendorNumber(Connection connection, string partner)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.GetMapping(VendorNumberMapping, partner) is { Length: > 0 } number ? number.Trim() : null;
    }

    /// <summary>The value of an RSX field that comes from a QBO invoice custom field (see the class summary).</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="invoice">The invoice.</param>
    /// <param name="rsxField">The RSX field name, for example <c>CarrierProNumber</c>.</param>
    /// <returns>The trimmed value, or null when the invoice has no such custom field or it is empty.</returns>
    public static string? FromInvoice(Connection connection, QboInvoice invoice, string rsxField)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(invoice);
        var name = connection.GetMapping(CustomFieldMapping, rsxField) is { Length: > 0 } mapped ? mapped : rsxField;
        var value = invoice.CustomField?.FirstOrDefault(f => string.Equals(f.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase))?.StringValue;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>Checks a built document against its partner's required fields.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="partner">The trading partner.</param>
    /// <param name="documentType"><c>810</c> or <c>856</c>.</param>
    /// <param name="document">The validated RSX bytes.</param>
    /// <param name="documentNumber">The invoice or ASN number, for the message.</param>
    /// <exception cref="ConnectorValidationException">When a required field is missing or empty: the message names every missing
    /// field and the partner; <c>Field</c> is the first missing path.</exception>
    public static void EnsureRequired(Connection connection, string partner, string documentType, byte[] document, string documentNumber)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(document);
        if (connection.GetMapping(RequiredFieldsMapping, $"{partner}/{documentType}") is not { Length: > 0 } configured)
        {
            return;
        }

        var root = JsonNode.Parse(document);
        var missing = configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(path => !Present(root, path.Split('.')))
            .ToList();
        if (missing.Count > 0)
        {
            var sources = string.Join(", ", missing.Select(p => p.Split('.')[^1]).Select(f => connection.GetMapping(CustomFieldMapping, f) is { Length: > 0 } m ? $"'{m}'" : $"'{f}'"));
            throw new ConnectorValidationException(
                IntegrationKinds.QboSps,
                $"Trading partner {partner} requires {string.Join(", ", missing)} on every {documentType}; {documentType} {documentNumber} has no value for it, so it was not sent. Fill the QBO invoice's custom field {sources} (or change mappings.{RequiredFieldsMapping}.{partner}/{documentType}), then replay.",
                field: missing[0]);
        }
    }

    private static bool Present(JsonNode? node, ReadOnlySpan<string> segments)
    {
        if (segments.IsEmpty)
        {
            return node is JsonValue value ? value.ToString().Trim().Length > 0 : node is not null;
        }

        var segment = segments[0];
        var all = segment.EndsWith("[]", StringComparison.Ordinal);
        var child = (node as JsonObject)?[all ? segment[..^2] : segment];
        if (!all)
        {
            return Present(child, segments[1..]);
        }

        if (child is not JsonArray items || items.Count == 0)
        {
            return false;
        }

        foreach (var item in items)
        {
            if (!Present(item, segments[1..]))
            {
                return false;
            }
        }

        return true;
    }
}
