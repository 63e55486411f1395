using System.Text.Json.Nodes;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.SpsCommerce;

/// <summary>
/// <see cref="RsxDocumentCodec"/> against SPS's own RSX 7.7.0 schemas and sample documents (contracts/sps-commerce): every
/// sample unwraps (BOM and CRLF included), broken documents are refused naming the field, and built documents are
/// validated before they can be sent.
/// </summary>
public sealed class RsxDocumentCodecTests
{
    private static readonly RsxDocumentCodec Sut = new(new RsxSchemaValidator());

    public static TheoryData<string> OrderSamples() => Samples("Orders(850)");

    public static TheoryData<string> InvoiceSamples() => Samples("Invoices(810)");

    public static TheoryData<string> ShipmentSamples() => Samples("Shipments(856)");

    /// <summary>The 855 samples but PR112855-1, whose header date is <c>22020-12-20</c> (see the test below).</summary>
    public static TheoryData<string> OrderAckSamples() => Samples("OrderAcks(855)", exclude: "PR112855-1");

    [Theory]
    [MemberData(nameof(OrderSamples))]
    public async Task UnwrapAsync_EverySample850_ReadsHeaderAndLines(string file)
    {
        // Arrange
        var bytes = await File.ReadAllBytesAsync(file);

        // Act
        var order = await Sut.UnwrapAsync(RsxDocumentType.Order, bytes, RsxJsonContext.Default.RsxOrder);

        // Assert
        Assert.Equal("SPSALLTESTID", order.Header.OrderHeader.TradingPartnerId);
        Assert.Equal("PO584615-1", order.Header.OrderHeader.PurchaseOrderNumber);
        Assert.Equal("00", order.Header.OrderHeader.TsetPurposeCode);
        var first = order.LineItem![0].OrderLine;
        Assert.Equal(("SPSBuyerItem1", "SPSSupplierHD-20", "859563003863", 30.0m, 20.0m), (first.BuyerPartNumber, first.VendorPartNumber, first.ConsumerPackageCode, first.OrderQty, first.PurchasePrice));
    }

    [Theory]
    [MemberData(nameof(InvoiceSamples))]
    public async Task UnwrapAsync_EverySample810_ReadsInvoiceNumberAndPo(string file)
    {
        var invoice = await Sut.UnwrapAsync(RsxDocumentType.Invoice, await File.ReadAllBytesAsync(file), RsxJsonContext.Default.RsxInvoice);

        Assert.Equal("123456", invoice.Header.InvoiceHeader.InvoiceNumber);
        Assert.StartsWith("PO", invoice.Header.InvoiceHeader.PurchaseOrderNumber, StringComparison.Ordinal);
        Assert.NotEmpty(invoice.LineItem!);
    }

    [Theory]
    [MemberData(nameof(ShipmentSamples))]
    public async Task UnwrapAsync_EverySample856_ReadsOrderPackItemLevels(string file)
    {
        var shipment = await Sut.UnwrapAsync(RsxDocumentType.Shipment, await File.ReadAllBytesAsync(file), RsxJsonContext.Default.RsxShipment);

        Assert.False(string.IsNullOrEmpty(shipment.Header.ShipmentHeader.ShipmentIdentification));
        Assert.NotEmpty(shipment.OrderLevel!);
    }

    [Theory]
    [MemberData(nameof(OrderAckSamples))]
    public async Task UnwrapAsync_EverySample855_ReadsThePo(string file)
    {
        var ack = await Sut.UnwrapAsync(RsxDocumentType.OrderAck, await File.ReadAllBytesAsync(file), RsxJsonContext.Default.RsxOrderAck);

        Assert.StartsWith("PO", ack.Header.OrderHeader.PurchaseOrderNumber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnwrapAsync_Sample855WithFiveDigitYear_IsRefusedNamingTheDate()
    {
        // SPS's own sample carries "Date": "22020-12-20", which breaks the schema's "format": "date" (Python's jsonschema
        // does not check formats by default, so contracts/sps-commerce/SOURCE.md reports it valid).
        var file = ContractFiles.PathOf("sps-commerce/samples/OrderAcks(855)/PR112855-1-v7.7-MultiStore_AllAccept_With_Change.json");

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(async () => await Sut.UnwrapAsync(RsxDocumentType.OrderAck, await File.ReadAllBytesAsync(file), RsxJsonContext.Default.RsxOrderAck));

        Assert.Equal("Header.Dates[0].Date", error.Field);
    }

    [Fact]
    public async Task UnwrapAsync_NotJson_ThrowsValidationAtDocument()
    {
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => Sut.UnwrapAsync(RsxDocumentType.Order, "{\"Header\": {"u8.ToArray(), RsxJsonContext.Default.RsxOrder));

        Assert.Equal("(document)", error.Field);
        Assert.Equal("sps", error.Connector);
    }

    [Fact]
    public async Task UnwrapAsync_850WithoutPoNumber_ThrowsValidationNamingTheField()
    {
        // Arrange
        var order = JsonNode.Parse(await File.ReadAllTextAsync(ContractFiles.PathOf("sps-commerce/samples/Orders(850)/PO112853-1-v7.7-CrossDock.json")))!;
        order["Header"]!["OrderHeader"]!.AsObject().Remove("PurchaseOrderNumber");

        // Act
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => Sut.UnwrapAsync(RsxDocumentType.Order, Encoding.UTF8.GetBytes(order.ToJsonString()), RsxJsonContext.Default.RsxOrder));

        // Assert
        Assert.Contains("PurchaseOrderNumber", error.Field, StringComparison.Ordinal);
        Assert.Contains("PurchaseOrderNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrapAsync_BuiltInvoice_IsSchemaValidAndReadsBack()
    {
        // Arrange
        var invoice = NewInvoice("INV-1001");

        // Act
        var bytes = await Sut.WrapAsync(RsxDocumentType.Invoice, invoice, RsxJsonContext.Default.RsxInvoice);
        var back = await Sut.UnwrapAsync(RsxDocumentType.Invoice, bytes, RsxJsonContext.Default.RsxInvoice);

        // Assert
        Assert.Equal("INV-1001", back.Header.InvoiceHeader.InvoiceNumber);
        Assert.Equal(25.50m, back.LineItem![0].InvoiceLine.PurchasePrice);
        Assert.False(bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]));
    }

    [Fact]
    public async Task WrapAsync_InvoiceBreakingTheSchema_ThrowsValidationNamingTheField()
    {
        // Arrange: a ship date that is not a date.
        var invoice = NewInvoice("INV-1002") with { };
        invoice = invoice with { Header = invoice.Header with { InvoiceHeader = invoice.Header.InvoiceHeader with { ShipDate = "next Tuesday" } } };

        // Act
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => Sut.WrapAsync(RsxDocumentType.Invoice, invoice, RsxJsonContext.Default.RsxInvoice));

        // Assert
        Assert.Contains("ShipDate", error.Field, StringComparison.Ordinal);
    }

    private static RsxInvoice NewInvoice(string number) => new(
        new RsxInvoiceHeaderGroup(new RsxInvoiceHeader("SPSALLTESTID", number, "2026-07-01", "2026-06-20", "PO584615-1", "DR", "00", "USD", "VEND6174", "2026-07-01")),
        [new RsxInvoiceLineItem(new RsxInvoiceLine("1", "SPSBuyerItem1", "SPSSupplierHD-20", "859563003863", 4m, "EA", 25.50m, 4m, "EA"))],
        new RsxInvoiceSummary(102.00m, 102.00m, 1));

    private static TheoryData<string> Samples(string folder, string? exclude = null)
    {
        var data = new TheoryData<string>();
        var files = Directory.GetFiles(Path.Combine(ContractFiles.Directory("sps-commerce"), "samples", folder), "*.json")
            .Where(f => exclude is null || !Path.GetFileName(f).StartsWith(exclude, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            data.Add(file);
        }

        return data;
    }
}
