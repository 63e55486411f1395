using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// Maps a ShipStation order to a QBO invoice with the connection's mappings.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Each product line → a <c>SalesItemLineDetail</c> line on the Item mapped from its SKU (<c>mappings.sku</c>),
/// or on <c>mappings.defaults.fallbackItem</c>; with neither, the order fails with a data error naming the SKU.</item>
/// <item>Shipping → a separate line on the Item mapped from the order's requested shipping service, else from
/// <c>{carrierCode}/{serviceCode}</c>, else <c>mappings.defaults.shippingItem</c>, so shipping income is recognised apart
/// from product revenue (the Item's income account decides where it posts). No shipping line when shipping is 0.</item>
/// <item>Tax → ShipStation reports the tax the store collected as one amount; it is carried as its own line on
/// <c>mappings.defaults.taxItem</c> and every line is marked non-taxable (<c>TaxCodeRef NON</c>) so QBO does not add
/// tax a second time. An order with tax but no tax item fails with a data error naming <c>mappings.defaults.taxItem</c>.</item>
/// <item>DocNumber = the ShipStation order number (QBO allows 21 characters); PrivateNote records the source for
/// look-ups and for people.</item>
/// </list>
/// Amounts are decimal in the company's currency, rounded to cents.
/// </remarks>
public static class ShipStationQboMapper
{
    /// <summary>QBO's CustomerMemo limit (Finance.xsd: 1000 characters).</summary>
    public const int MemoMaxLength = 1000;

    /// <summary>QBO's DocNumber limit (Finance.xsd, Invoice.DocNumber: max 21 characters).</summary>
    public const int DocNumberMaxLength = 21;

    /// <summary>Builds the PrivateNote that marks an invoice as ml-connector's for an order.</summary>
    /// <param name="orderNumber">The order number.</param>
    /// <returns>The note.</returns>
    public static string PrivateNoteFor(string orderNumber) => $"ml-connector: ShipStation order {orderNumber}";

    /// <summary>Checks every mapping the order needs and lists every problem.</summary>
    /// <param name="connection">The connection with its mappings.</param>
    /// <param name="order">The order.</param>
    /// <returns>The problems, each naming the mapping key to add; empty when the order can be synced.</returns>
    public static IReadOnlyList<string> FindProblems(Connection connection, ShipStationOrder order)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(order);
        var problems = new List<string>();
        var fallback = connection.GetMapping(ShipStationQboNames.DefaultsMapping, ShipStationQboNames.FallbackItemKey);
        foreach (var item in order.Items)
        {
            if (string.IsNullOrWhiteSpace(item.Sku))
            {
                if (fallback is null)
                {
                    problems.Add($"line '{item.Name}' has no SKU and mappings.{ShipStationQboNames.DefaultsMapping}.{ShipStationQboNames.FallbackItemKey} is not set");
                }
            }
            else if (connection.GetMapping(ShipStationQboNames.SkuMapping, item.Sku) is null && fallback is null)
            {
                problems.Add($"SKU {item.Sku} has no QBO item mapping (add mappings.{ShipStationQboNames.SkuMapping}.{item.Sku})");
            }
        }

        if (order.ShippingAmount != 0 && ShippingItemFor(connection, order) is null)
        {
            problems.Add($"shipping method '{ShippingMethodOf(order)}' has no QBO item mapping (add mappings.{ShipStationQboNames.ShippingMethodMapping}.{ShippingMethodOf(order)} or mappings.{ShipStationQboNames.DefaultsMapping}.{ShipStationQboNames.ShippingItemKey})");
        }

        if (order.TaxAmount != 0 && connection.GetMapping(ShipStationQboNames.DefaultsMapping, ShipStationQboNames.TaxItemKey) is null)
        {
            problems.Add($"the order carries tax {order.TaxAmount.ToString("0.00", CultureInfo.InvariantCulture)} and mappings.{ShipStationQboNames.DefaultsMapping}.{ShipStationQboNames.TaxItemKey} is not set");
        }

        if (order.OrderNumber.Length > DocNumberMaxLength)
        {
            problems.Add($"order number {order.OrderNumber} is longer than QBO's {DocNumberMaxLength}-character DocNumber");
        }

        return problems;
    }

    /// <summary>Builds the invoice.</summary>
    /// <param name="connection">The connection with its mappings.</param>
    /// <param name="order">The order.</param>
    /// <param name="customerId">The QBO customer Id.</param>
    /// <returns>The invoice to create.</returns>
    /// <exception cref="ConnectorValidationException">When a mapping is missing; the message lists every problem and the field names the first key.</exception>
    public static QboInvoice ToInvoice(Connection connection, ShipStationOrder order, string customerId)
    {
        var problems = FindProblems(connection, order);
        if (problems.Count > 0)
        {
            throw new ConnectorValidationException("shipstation-qbo", $"Order {order.OrderNumber} cannot be invoiced: {string.Join("; ", problems)}.", field: "mappings");
        }

        var nonTaxable = new QboRef("NON");
        var fallback = connection.GetMapping(ShipStationQboNames.DefaultsMapping, ShipStationQboNames.FallbackItemKey);
        var lines = order.Items.Select(item => new QboLine
        {
            DetailType = "SalesItemLineDetail",
            Amount = Money(item.UnitPrice * item.Quantity),
            Description = string.IsNullOrWhiteSpace(item.Sku) ? item.Name : $"{item.Sku} {item.Name}",
            SalesItemLineDetail = new QboSalesItemLineDetail(
                new QboRef((string.IsNullOrWhiteSpace(item.Sku) ? null : connection.GetMapping(ShipStationQboNames.SkuMapping, item.Sku)) ?? fallback!),
                item.Quantity,
                item.UnitPrice) { TaxCodeRef = nonTaxable },
        }).ToList();

        if (order.ShippingAmount != 0)
        {
            lines.Add(new QboLine
            {
                DetailType = "SalesItemLineDetail",
                Amount = Money(order.ShippingAmount),
                Description = "Shipping: " + ShippingMethodOf(order),
                SalesItemLineDetail = new QboSalesItemLineDetail(new QboRef(ShippingItemFor(connection, order)!), 1, Money(order.ShippingAmount)) { TaxCodeRef = nonTaxable },
            });
        }

        if (order.TaxAmount != 0)
        {
            lines.Add(new QboLine
            {
                DetailType = "SalesItemLineDetail",
                Amount = Money(order.TaxAmount),
                Description = "Sales tax collected by the store",
                SalesItemLineDetail = new QboSalesItemLineDetail(
                    new QboRef(connection.GetMapping(ShipStationQboNames.DefaultsMapping, ShipStationQboNames.TaxItemKey)!), 1, Money(order.TaxAmount)) { TaxCodeRef = nonTaxable },
            });
        }

        return new QboInvoice
        {
            DocNumber = order.OrderNumber,
            TxnDate = DateOnly.FromDateTime(order.OrderDateUtc.UtcDateTime),
            CustomerRef = new QboRef(customerId),
            Line = lines,
            PrivateNote = PrivateNoteFor(order.OrderNumber),
            BillEmail = string.IsNullOrWhiteSpace(order.CustomerEmail) ? null : new QboEmailAddress(order.CustomerEmail),
            ShipAddr = order.ShipTo is null ? null : new QboPhysicalAddress
            {
                Line1 = order.ShipTo.Street1,
                Line2 = order.ShipTo.Street2,
                City = order.ShipTo.City,
                CountrySubDivisionCode = order.ShipTo.State,
                PostalCode = order.ShipTo.PostalCode,
                Country = order.ShipTo.Country,
            },
        };
    }

    /// <summary>
    /// The customer to create for the order's buyer (<see cref="ShipStationBuyer"/>): the first of
    /// <see cref="ShipStationQboCustomerNames.Candidates"/> as display name, given and family name split from the buyer's
    /// name, the normalized e-mail as <c>PrimaryEmailAddr</c> (the key later orders query by), and the buyer's key in
    /// <c>Notes</c> (<see cref="ShipStationQboCustomerNames.Marker"/>).
    /// </summary>
    /// <param name="order">The order.</param>
    /// <returns>The customer.</returns>
    /// <exception cref="ConnectorValidationException">When the order has neither a name, a usable e-mail nor a ShipStation customer id.</exception>
    public static QboCustomer ToCustomer(ShipStationOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var buyer = ShipStationBuyer.From(order);
        var parts = ShipStationBuyer.CleanName(order.CustomerName)?.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return new QboCustomer
        {
            DisplayName = ShipStationQboCustomerNames.Candidates(buyer)[0],
            GivenName = parts.Length > 0 ? parts[0] : null,
            FamilyName = parts.Length > 1 ? parts[1] : null,
            PrimaryEmailAddr = buyer.Email is null ? null : new QboEmailAddress(buyer.Email),
            Notes = ShipStationQboCustomerNames.Marker(buyer),
        };
    }

    /// <summary>The memo shown on the invoice once shipped.</summary>
    /// <param name="shipment">The shipment.</param>
    /// <returns>For example <c>Shipped 2026-11-23 via ups ups_ground, tracking 1Z…</c>.</returns>
    public static string ShippedMemo(ShipStationShipment shipment)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        return $"Shipped {shipment.ShipDateUtc:yyyy-MM-dd} via {shipment.CarrierCode} {shipment.ServiceCode}, tracking {shipment.TrackingNumber}".Trim();
    }

    /// <summary>
    /// The shipment update a fulfillment makes to its order's invoice, in the shape the shipment workflow applies: the
    /// fulfillment id as the id, ship date, carrier (free text on fulfillments), the provider's service code as the service,
    /// tracking number, and the provider's fee as the cost (decimal, the account's currency).
    /// </summary>
    /// <param name="fulfillment">The fulfillment.</param>
    /// <returns>The update; <see cref="ShipStationShipment.Voided"/> follows the fulfillment.</returns>
    public static ShipStationShipment ToShipmentUpdate(ShipStationFulfillment fulfillment)
    {
        ArgumentNullException.ThrowIfNull(fulfillment);
        return new ShipStationShipment
        {
            ShipmentId = fulfillment.FulfillmentId,
            OrderId = fulfillment.OrderId,
            OrderNumber = fulfillment.OrderNumber,
            ShipDateUtc = fulfillment.ShipDateUtc,
            CarrierCode = fulfillment.CarrierCode,
            ServiceCode = fulfillment.FulfillmentServiceCode,
            TrackingNumber = fulfillment.TrackingNumber,
            ShipmentCost = fulfillment.FulfillmentFee,
            Voided = fulfillment.Voided,
        };
    }

    /// <summary>The memo line a fulfillment adds to the invoice: the shipped status, who fulfilled it and how.</summary>
    /// <param name="fulfillment">The fulfillment.</param>
    /// <returns>For example <c>Shipped 2026-07-01 via FedEx, tracking 664756278745 (fulfilled by Acme 3PL)</c>; parts ShipStation left empty are omitted.</returns>
    public static string FulfilledMemo(ShipStationFulfillment fulfillment)
    {
        ArgumentNullException.ThrowIfNull(fulfillment);
        var memo = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Shipped {fulfillment.ShipDateUtc:yyyy-MM-dd}");
        var via = string.Join(' ', new[] { fulfillment.CarrierCode, fulfillment.FulfillmentServiceCode }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (via.Length > 0)
        {
            memo.Append(CultureInfo.InvariantCulture, $" via {via}");
        }

        if (!string.IsNullOrWhiteSpace(fulfillment.TrackingNumber))
        {
            memo.Append(CultureInfo.InvariantCulture, $", tracking {fulfillment.TrackingNumber}");
        }

        var provider = fulfillment.SellerFillProviderName ?? fulfillment.FulfillmentProviderCode;
        memo.Append(string.IsNullOrWhiteSpace(provider) ? " (fulfilled outside ShipStation)" : $" (fulfilled by {provider})");
        return memo.ToString();
    }

    private static string ShippingMethodOf(ShipStationOrder order) =>
        !string.IsNullOrWhiteSpace(order.RequestedShippingService) ? order.RequestedShippingService
        : $"{order.CarrierCode}/{order.ServiceCode}";

    private static string? ShippingItemFor(Connection connection, ShipStationOrder order) =>
        (string.IsNullOrWhiteSpace(order.RequestedShippingService) ? null : connection.GetMapping(ShipStationQboNames.ShippingMethodMapping, order.RequestedShippingService))
        ?? connection.GetMapping(ShipStationQboNames.ShippingMethodMapping, $"{order.CarrierCode}/{order.ServiceCode}")
        ?? connection.GetMapping(ShipStationQboNames.DefaultsMapping, ShipStationQboNames.ShippingItemKey);

    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>True when the invoice's customer memo already carries the shipment's tracking number (it was applied).</summary>
    /// <param name="invoice">The invoice as QBO holds it.</param>
    /// <param name="shipment">The shipment update.</param>
    /// <returns>Whether the update is on the invoice.</returns>
    public static bool CarriesShipment(QboInvoice invoice, ShipStationShipment shipment)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(shipment);
        return shipment.TrackingNumber is not null && invoice.CustomerMemo?.Value.Contains(shipment.TrackingNumber, StringComparison.Ordinal) == true;
    }

    /// <summary>
    /// The sparse invoice update of a shipment: ship date, tracking number, ship method (carrier and service) and the memo
    /// with the shipment's line appended (once; the memo keeps its newest <see cref="MemoMaxLength"/> characters).
    /// </summary>
    /// <param name="current">The invoice as QBO holds it (its memo).</param>
    /// <param name="shipment">The shipment update.</param>
    /// <param name="memoLine">Its memo line.</param>
    /// <returns>The update.</returns>
    public static QboInvoiceUpdate ToInvoiceShipUpdate(QboInvoice current, ShipStationShipment shipment, string memoLine)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(shipment);
        var memo = current.CustomerMemo?.Value;
        memo = string.IsNullOrWhiteSpace(memo) ? memoLine : memo.Contains(memoLine, StringComparison.Ordinal) ? memo : memo + "\n" + memoLine;
        if (memo.Length > MemoMaxLength)
        {
            memo = memo[^MemoMaxLength..];
        }

        var method = $"{shipment.CarrierCode} {shipment.ServiceCode}".Trim();
        return new QboInvoiceUpdate
        {
            ShipDate = DateOnly.FromDateTime(shipment.ShipDateUtc.UtcDateTime),
            TrackingNum = shipment.TrackingNumber,

            // QBO has no ship-method list: ShipMethodRef "resolves to a string" (Intuit Invoice reference), so value and name carry the text.
            ShipMethodRef = shipment.CarrierCode is null ? null : new QboRef(method, method),
            CustomerMemo = new QboMemo(memo),
        };
    }
}
