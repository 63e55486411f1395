using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Maps an RSX 850 to a QBO PurchaseOrder (or Estimate, see <see cref="QboSpsOrderPosting"/>) through the connection's partner configuration and item crosswalk. Pure: no I/O.
/// </summary>
public static class QboSpsOrderMapper
{
    /// <summary>QBO's longest DocNumber (contracts/quickbooks-online/xsd: <c>DocNumber</c> max 21 characters).</summary>
    public const int MaxDocNumberLength = 21;

    private const string AccountPrefix = "account:";

    /// <summary>The marker kept in a purchase order's <c>PrivateNote</c>: which partner's PO it is, so two partners' equal PO numbers stay apart.</summary>
    /// <param name="tradingPartnerId">The partner.</param>
    /// <param name="purchaseOrderNumber">The PO number.</param>
    /// <returns>For example <c>SPS SPSALLTESTID PO PO584615-1</c>.</returns>
    public static string Marker(string tradingPartnerId, string purchaseOrderNumber) => $"SPS {tradingPartnerId} PO {purchaseOrderNumber}";

    /// <summary>The partner and PO number of an order, checked.</summary>
    /// <param name="order">The order.</param>
    /// <returns>The pair.</returns>
    /// <exception cref="ConnectorValidationException">When the PO number is longer than QBO's DocNumber.</exception>
    public static (string Partner, string Number) Identify(RsxOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var header = order.Header.OrderHeader;
        var partner = header.TradingPartnerId!.Trim();
        var number = header.PurchaseOrderNumber!.Trim();
        return number.Length > MaxDocNumberLength
            ? throw new ConnectorValidationException(IntegrationKinds.QboSps, $"PO number {number} of {partner} is longer than QBO's {MaxDocNumberLength}-character DocNumber.", field: "Header.OrderHeader.PurchaseOrderNumber")
            : (partner, number);
    }

    /// <summary>Builds the QBO purchase order's lines from the order's lines.</summary>
    /// <param name="connection">The connection (its <c>spsItems</c> crosswalk).</param>
    /// <param name="order">The order.</param>
    /// <returns>Item-based (or account-based) expense lines, amounts rounded to cents.</returns>
    /// <exception cref="ConnectorValidationException">When any line's item is not in the crosswalk; the message names every
    /// unmapped item by its ids, and <c>Field</c> names the first (<c>mappings.spsItems.{VendorPartNumber}</c>).</exception>
    public static IReadOnlyList<QboLine> MapLines(Connection connection, RsxOrder order) =>
        MapLines(connection, order, (target, qty, price, amount, description) => target.StartsWith(AccountPrefix, StringComparison.Ordinal)
            ? new QboLine { DetailType = "AccountBasedExpenseLineDetail", Amount = amount, Description = description, AccountBasedExpenseLineDetail = new QboAccountBasedExpenseLineDetail(new QboRef(target[AccountPrefix.Length..])) }
            : new QboLine { DetailType = "ItemBasedExpenseLineDetail", Amount = amount, Description = description, ItemBasedExpenseLineDetail = new QboItemBasedExpenseLineDetail(new QboRef(target), qty, price) });

    /// <summary>Builds the QBO estimate's lines from the order's lines: one <c>SalesItemLineDetail</c> line per order line.</summary>
    /// <param name="connection">The connection (its <c>spsItems</c> crosswalk).</param>
    /// <param name="order">The order.</param>
    /// <returns>Sales item lines, amounts rounded to cents.</returns>
    /// <exception cref="ConnectorValidationException">When an item is not in the crosswalk (as <see cref="MapLines(Connection, RsxOrder)"/>),
    /// or maps to an account (<c>account:{id}</c>): a sales line needs a QBO Item (Finance.xsd <c>SalesItemLineDetail.ItemRef</c>).</exception>
    public static IReadOnlyList<QboLine> MapSalesLines(Connection connection, RsxOrder order) =>
        MapLines(connection, order, (target, qty, price, amount, description) => target.StartsWith(AccountPrefix, StringComparison.Ordinal)
            ? throw new ConnectorValidationException(IntegrationKinds.QboSps, $"PO {order.Header.OrderHeader.PurchaseOrderNumber}: the crosswalk maps an item to QBO account {target[AccountPrefix.Length..]}, but an Estimate line needs a QBO Item; map it to an item.", field: $"mappings.{QboSpsNames.ItemMapping}")
            : new QboLine { DetailType = "SalesItemLineDetail", Amount = amount, Description = description, SalesItemLineDetail = new QboSalesItemLineDetail(new QboRef(target), qty, price) });

    /// <summary>Builds the QBO purchase order for a new 850.</summary>
    /// <param name="connection">The connection (partner configuration and crosswalk).</param>
    /// <param name="order">The order.</param>
    /// <returns>The purchase order to create.</returns>
    /// <exception cref="ConnectorValidationException">When the partner has no QBO vendor or an item is unmapped.</exception>
    public static QboPurchaseOrder ToPurchaseOrder(Connection connection, RsxOrder order)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (partner, number) = Identify(order);
        var vendorId = connection.GetMapping(QboSpsNames.PartnerMapping, partner);
        if (string.IsNullOrWhiteSpace(vendorId))
        {
            throw new ConnectorValidationException(IntegrationKinds.QboSps, $"Trading partner {partner} is not configured on connection {connection.Id}: map it to a QBO vendor in {QboSpsNames.PartnerMapping}.", field: $"mappings.{QboSpsNames.PartnerMapping}.{partner}");
        }

        return new QboPurchaseOrder
        {
            DocNumber = number,
            TxnDate = TxnDate(order),
            VendorRef = new QboRef(vendorId),
            Line = MapLines(connection, order),
            PrivateNote = Marker(partner, number),
        };
    }

    /// <summary>Builds the QBO estimate for a new 850, to the partner's QBO customer (<see cref="QboSpsOrderPosting.CustomerMapping"/>).</summary>
    /// <param name="connection">The connection (partner configuration and crosswalk).</param>
    /// <param name="order">The order.</param>
    /// <returns>The estimate to create, <c>Pending</c>, with the partner's PO marker in its <c>PrivateNote</c>.</returns>
    /// <exception cref="ConnectorValidationException">When the partner has no QBO customer or an item is unmapped.</exception>
    public static QboEstimate ToEstimate(Connection connection, RsxOrder order)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (partner, number) = Identify(order);
        var customerId = connection.GetMapping(QboSpsOrderPosting.CustomerMapping, partner);
        if (string.IsNullOrWhiteSpace(customerId))
        {
            throw new ConnectorValidationException(IntegrationKinds.QboSps, $"Trading partner {partner} is not configured on connection {connection.Id}: map it to a QBO customer in {QboSpsOrderPosting.CustomerMapping} (the connection posts 850s as estimates).", field: $"mappings.{QboSpsOrderPosting.CustomerMapping}.{partner}");
        }

        return new QboEstimate
        {
            DocNumber = number,
            TxnDate = TxnDate(order),
            CustomerRef = new QboRef(customerId),
            Line = MapSalesLines(connection, order),
            TxnStatus = QboEstimate.PendingStatus,
            PrivateNote = Marker(partner, number),
        };
    }

    /// <summary>The PO date as a date, when SPS sent one.</summary>
    /// <param name="order">The order.</param>
    /// <returns>The date or null.</returns>
    public static DateOnly? TxnDate(RsxOrder order) =>
        DateOnly.TryParseExact(order?.Header.OrderHeader.PurchaseOrderDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static List<QboLine> MapLines(Connection connection, RsxOrder order, Func<string, decimal, decimal, decimal, string?, QboLine> build)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(order);
        var lines = new List<QboLine>();
        var unmapped = new List<string>();
        foreach (var item in order.LineItem ?? [])
        {
            var line = item.OrderLine;
            var keys = new[] { line.VendorPartNumber, line.BuyerPartNumber, line.ConsumerPackageCode }.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k!.Trim()).ToList();
            var target = keys.Select(k => connection.GetMapping(QboSpsNames.ItemMapping, k)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            if (target is null)
            {
                unmapped.Add($"line {line.LineSequenceNumber ?? "?"} (VendorPartNumber {line.VendorPartNumber ?? "-"}, BuyerPartNumber {line.BuyerPartNumber ?? "-"}, UPC {line.ConsumerPackageCode ?? "-"})");
                continue;
            }

            var qty = line.OrderQty ?? 0m;
            var price = line.PurchasePrice ?? 0m;
            var amount = decimal.Round(qty * price, 2, MidpointRounding.AwayFromZero);
            var description = item.ProductOrItemDescription?.FirstOrDefault(d => !string.IsNullOrWhiteSpace(d.ProductDescription))?.ProductDescription;
            lines.Add(build(target, qty, price, amount, description));
        }

        if (unmapped.Count > 0)
        {
            var first = order.LineItem!.Select(i => i.OrderLine).First(l => new[] { l.VendorPartNumber, l.BuyerPartNumber, l.ConsumerPackageCode }
                .All(k => string.IsNullOrWhiteSpace(k) || connection.GetMapping(QboSpsNames.ItemMapping, k.Trim()) is not { Length: > 0 }));
            throw new ConnectorValidationException(
                IntegrationKinds.QboSps,
                $"PO {order.Header.OrderHeader.PurchaseOrderNumber} has items not in the crosswalk ({QboSpsNames.ItemMapping}): {string.Join("; ", unmapped)}. Map them to QBO items and replay.",
                field: $"mappings.{QboSpsNames.ItemMapping}.{first.VendorPartNumber ?? first.BuyerPartNumber ?? first.ConsumerPackageCode}");
        }

        return lines;
    }
}
