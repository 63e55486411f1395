using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.ShipStationQbo;

namespace MlConnector.Tests.Integrations.ShipStationQbo;

public class ShipStationQboMapperTests
{
    private static Connection CreateConnection(bool fallback = false, bool taxItem = true) => new()
    {
        Id = "acme",
        Kind = IntegrationKinds.ShipStationQbo,
        Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["sku"] = new Dictionary<string, string> { ["TENT-2P"] = "21", ["STOVE-1"] = "22" },
            ["shippingMethod"] = new Dictionary<string, string> { ["UPS Ground"] = "31" },
            ["defaults"] = new Dictionary<string, string>(
                new[] { KeyValuePair.Create("shippingItem", "39") }
                    .Concat(fallback ? [KeyValuePair.Create("fallbackItem", "29")] : [])
                    .Concat(taxItem ? [KeyValuePair.Create("taxItem", "41")] : [])),
        },
    };

    private static ShipStationOrder CreateOrder(params ShipStationOrderItem[] items) => new()
    {
        OrderId = 9001,
        OrderNumber = "1001",
        OrderStatus = "awaiting_shipment",
        OrderDateUtc = new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.Zero),
        CustomerEmail = "jo@example.com",
        CustomerName = "Jo Walker",
        Items = items.Length > 0 ? items : [new("TENT-2P", "Two-person tent", 2, 149.995m), new("STOVE-1", "Stove", 1, 39.5m)],
        ShippingAmount = 12.4m,
        TaxAmount = 27.31m,
        RequestedShippingService = "UPS Ground",
        ShipTo = new ShipStationAddress("Jo Walker", "1 Main St", "Austin", "TX", "78701", "US"),
    };

    [Fact]
    public void ToInvoice_MappedOrder_HasProductLinesThenShippingThenTax()
    {
        // Act
        var invoice = ShipStationQboMapper.ToInvoice(CreateConnection(), CreateOrder(), "58");

        // Assert
        Assert.Equal("1001", invoice.DocNumber);
        Assert.Equal("58", invoice.CustomerRef.Value);
        Assert.Equal(new DateOnly(2026, 11, 20), invoice.TxnDate);
        Assert.Equal(["21", "22", "31", "41"], invoice.Line.Select(l => l.SalesItemLineDetail!.ItemRef.Value));
        Assert.Equal([299.99m, 39.50m, 12.40m, 27.31m], invoice.Line.Select(l => l.Amount));
        Assert.All(invoice.Line, l => Assert.Equal("NON", l.SalesItemLineDetail!.TaxCodeRef!.Value));
        Assert.Equal("ml-connector: ShipStation order 1001", invoice.PrivateNote);
        Assert.Equal("78701", invoice.ShipAddr!.PostalCode);
    }

    [Fact]
    public void ToInvoice_UnmappedSkuWithoutFallback_IsDataErrorNamingTheSku()
    {
        // Act
        var ex = Assert.Throws<ConnectorValidationException>(() =>
            ShipStationQboMapper.ToInvoice(CreateConnection(), CreateOrder(new ShipStationOrderItem("WIDGET-9", "Widget", 1, 5m)), "58"));

        // Assert
        Assert.Equal(ErrorKind.Validation, ex.Kind);
        Assert.Contains("SKU WIDGET-9", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mappings.sku.WIDGET-9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToInvoice_UnmappedSkuWithFallback_UsesFallbackItem()
    {
        var invoice = ShipStationQboMapper.ToInvoice(CreateConnection(fallback: true), CreateOrder(new ShipStationOrderItem("WIDGET-9", "Widget", 1, 5m)), "58");

        Assert.Equal("29", invoice.Line[0].SalesItemLineDetail!.ItemRef.Value);
    }

    [Fact]
    public void FindProblems_TaxWithoutTaxItemAndUnknownShippingMethod_ListsEveryProblem()
    {
        // Arrange
        var connection = CreateConnection(taxItem: false) with
        {
            Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["sku"] = new Dictionary<string, string> { ["TENT-2P"] = "21", ["STOVE-1"] = "22" } },
        };

        // Act
        var problems = ShipStationQboMapper.FindProblems(connection, CreateOrder());

        // Assert
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("shipping method 'UPS Ground'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("mappings.defaults.taxItem", StringComparison.Ordinal));
    }

    [Fact]
    public void ToCustomer_NameAndEmail_SplitsNameAndKeepsEmail()
    {
        var customer = ShipStationQboMapper.ToCustomer(CreateOrder());

        Assert.Equal("Jo Walker", customer.DisplayName);
        Assert.Equal("Jo", customer.GivenName);
        Assert.Equal("Walker", customer.FamilyName);
        Assert.Equal("jo@example.com", customer.PrimaryEmailAddr!.Address);
    }

    [Fact]
    public void ToCustomer_NoNameNoEmail_IsDataError()
    {
        var ex = Assert.Throws<ConnectorValidationException>(() => ShipStationQboMapper.ToCustomer(CreateOrder() with { CustomerEmail = null, CustomerName = " " }));

        Assert.Equal("customerEmail", ex.Field);
    }

    [Fact]
    public void Keys_AreDeterministicAndDistinct()
    {
        Assert.Equal(ShipStationQboKeys.OrderInstance("acme", "1001"), ShipStationQboKeys.OrderInstance("acme", "1001"));
        Assert.NotEqual(ShipStationQboKeys.OrderInstance("acme", "1001"), ShipStationQboKeys.OrderInstance("globex", "1001"));
        var key = ShipStationQboKeys.InvoiceCreate("acme", "1001");
        Assert.Equal(32, key.ToRequestId().Length);
        Assert.NotEqual(key.ToRequestId(), ShipStationQboKeys.InvoiceCreate("acme", "1002").ToRequestId());
    }

    [Fact]
    public void ToShipmentUpdate_Fulfillment_CarriesShipDateCarrierTrackingAndFeeUnderTheFulfillmentId()
    {
        // Arrange
        var fulfillment = CreateFulfillment();

        // Act
        var update = ShipStationQboMapper.ToShipmentUpdate(fulfillment);

        // Assert
        Assert.Equal(
            new ShipStationShipment
            {
                ShipmentId = 246310,
                OrderId = 193699927,
                OrderNumber = "1001",
                ShipDateUtc = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero),
                CarrierCode = "FedEx",
                ServiceCode = "ground",
                TrackingNumber = "664756278745",
                ShipmentCost = 3.75m,
                Voided = false,
            },
            update);
    }

    [Theory]
    [InlineData("Acme 3PL", "ground", "664756278745", "Shipped 2026-11-23 via FedEx ground, tracking 664756278745 (fulfilled by Acme 3PL)")]
    [InlineData(null, null, "664756278745", "Shipped 2026-11-23 via FedEx, tracking 664756278745 (fulfilled outside ShipStation)")]
    [InlineData(null, null, null, "Shipped 2026-11-23 via FedEx (fulfilled outside ShipStation)")]
    public void FulfilledMemo_ProviderServiceAndTracking_NamesWhatShipStationGave(string? provider, string? service, string? tracking, string expected)
    {
        // Act
        var memo = ShipStationQboMapper.FulfilledMemo(CreateFulfillment() with { SellerFillProviderName = provider, FulfillmentServiceCode = service, TrackingNumber = tracking });

        // Assert
        Assert.Equal(expected, memo);
    }

    [Fact]
    public void FulfillmentKeys_SameIdAsAShipment_AreDistinctFromTheShipmentsKeys()
    {
        // Arrange
        var label = new ShipmentSnapshotRef("acme", "1001", 246310);
        var fulfillment = label with { Source = ShipmentSource.Fulfillment };

        // Act
        var keys = new[] { ShipStationQboKeys.ShipmentUpdateInstance(label), ShipStationQboKeys.ShipmentUpdateInstance(fulfillment) };
        var ledger = new[] { ShipStationQboKeys.ShipmentUpdateApply(label), ShipStationQboKeys.ShipmentUpdateApply(fulfillment) };

        // Assert
        Assert.Equal(ShipStationQboKeys.ShipmentInstance("acme", 246310), keys[0]);
        Assert.Equal(ShipStationQboKeys.FulfillmentInstance("acme", 246310), keys[1]);
        Assert.NotEqual(keys[0], keys[1]);
        Assert.Equal(ShipStationQboKeys.ShipmentApply("acme", 246310), ledger[0]);
        Assert.NotEqual(ledger[0], ledger[1]);
        Assert.Equal(ledger[0].Operation, ledger[1].Operation);
    }

    private static ShipStationFulfillment CreateFulfillment() => new()
    {
        FulfillmentId = 246310,
        OrderId = 193699927,
        OrderNumber = "1001",
        TrackingNumber = "664756278745",
        ShipDateUtc = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero),
        CarrierCode = "FedEx",
        FulfillmentServiceCode = "ground",
        SellerFillProviderName = "Acme 3PL",
        FulfillmentFee = 3.75m,
    };
}
