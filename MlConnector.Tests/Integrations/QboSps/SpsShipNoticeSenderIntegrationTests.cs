using System.Text;
using System.Text.Json.Nodes;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>
/// Outbound 856: a shipped QBO invoice (ShipDate, ShipMethodRef, TrackingNum in the QBO simulator) linked to an SPS PO
/// becomes one RSX 856 that validates against SPS's Shipment schema, uploaded to the SPS simulator for the right partner
/// exactly once under retries, a 429 storm and a lost upload response; an invoice that has not shipped sends nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SpsShipNoticeSenderIntegrationTests(AzuriteFixture azurite)
{
    private static readonly RsxSchemaValidator Schema = new();

    [Fact]
    public async Task SendAsync_ShippedInvoiceWithRetriesAndA429Storm_UploadsOneSchemaValid856ToThePartner()
    {
        // Arrange
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        var invoiceId = s.CreateInvoice("1001", "72", QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerB, "PO-7001"), Shipped("1Z999AA10123456784"), ("11", 4m, 20m), ("12", 1m, 10m));
        s.Sps.FailNext(HttpStatusCode.TooManyRequests, 3);
        var invoice = new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoiceId);

        // Act
        var first = await s.ShipNoticeSender.SendAsync(invoice);
        var retry = await s.ShipNoticeSender.SendAsync(invoice);

        // Assert
        Assert.True(first.Uploaded);
        Assert.False(retry.Uploaded);
        Assert.Equal(("1001", "in/SH-TARGETTESTID-1001.json"), (first.AsnNumber, first.Path));
        Assert.Equal(first.Path, retry.Path);
        var uploaded = Assert.Single(s.Sps.Uploaded);
        Assert.Equal((RsxDocumentType.Shipment, QboSpsSandbox.PartnerB, "1001"), (uploaded.Type, uploaded.TradingPartnerId, uploaded.DocumentNumber));
        Assert.Empty(await Schema.ValidateAsync(RsxDocumentType.Shipment, Encoding.UTF8.GetString(uploaded.Content)));
        var doc = JsonNode.Parse(uploaded.Content)!;
        var header = doc["Header"]!["ShipmentHeader"]!;
        Assert.Equal(("1001", "2026-07-03", "0001"), (header["ShipmentIdentification"]!.GetValue<string>(), header["ShipDate"]!.GetValue<string>(), header["ASNStructureCode"]!.GetValue<string>()));
        Assert.Equal("UPS Ground", doc["Header"]!["CarrierInformation"]![0]!["CarrierRouting"]!.GetValue<string>());
        var order = doc["OrderLevel"]![0]!;
        Assert.Equal("PO-7001", order["OrderHeader"]!["PurchaseOrderNumber"]!.GetValue<string>());
        var pack = order["PackLevel"]![0]!;
        Assert.Equal("1Z999AA10123456784", pack["Pack"]!["CarrierPackageID"]!.GetValue<string>());
        Assert.Equal(
            [("SPSSupplierHD-20", 4m), ("SPSSupplierHD-40", 1m)],
            pack["ItemLevel"]!.AsArray().Select(i => (i!["ShipmentLine"]!["VendorPartNumber"]!.GetValue<string>(), i["ShipmentLine"]!["ShipQty"]!.GetValue<decimal>())));
        Assert.Equal(1, s.Audit.Records.Count(r => r.Operation == SpsShipNoticeSender.Operation && r.Outcome == AuditOutcome.Succeeded && r.BusinessKey == "TARGETTESTID/1001" && r.VendorReference == first.Path));
    }

    [Fact]
    public async Task SendAsync_UploadResponseLost_RetryFindsTheFileAtSpsAndUploadsNothingMore()
    {
        // Arrange: SPS stores the file, then the connection drops before its answer.
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        var invoiceId = s.CreateInvoice("1004", "71", QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerA, "PO584615-1"), Shipped("1Z999AA10123456785"), ("13", 2m, 5m));
        s.Sps.LoseNextUploadResponses();
        var invoice = new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoiceId);

        // Act
        await Assert.ThrowsAnyAsync<Exception>(() => s.ShipNoticeSender.SendAsync(invoice));
        var retry = await s.ShipNoticeSender.SendAsync(invoice);
        var again = await s.ShipNoticeSender.SendAsync(invoice);

        // Assert
        Assert.False(retry.Uploaded);
        Assert.False(again.Uploaded);
        Assert.Equal("in/SH-SPSALLTESTID-1004.json", retry.Path);
        var uploaded = Assert.Single(s.Sps.Uploaded);
        Assert.Equal((RsxDocumentType.Shipment, QboSpsSandbox.PartnerA, "1004"), (uploaded.Type, uploaded.TradingPartnerId, uploaded.DocumentNumber));
        Assert.Single(s.Sps.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task SendAsync_InvoiceNotShippedYet_SendsNothing()
    {
        // Arrange
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        var invoiceId = s.CreateInvoice("1005", "71", QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerA, "PO584615-1"), null, ("11", 1m, 20m));

        // Act
        var result = await s.ShipNoticeSender.SendAsync(new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoiceId));

        // Assert
        Assert.False(result.Uploaded);
        Assert.Null(result.Path);
        Assert.Empty(s.Sps.Uploaded);
        Assert.Contains(s.Audit.Records, r => r.Operation == SpsShipNoticeSender.Operation && r.Outcome == AuditOutcome.Skipped);
    }

    /// <summary>QBO's invoice shipping fields (Finance.xsd SalesTransaction): ShipDate, ShipMethodRef, TrackingNum.</summary>
    internal static JsonObject Shipped(string tracking) => new()
    {
        ["ShipDate"] = "2026-07-03",
        ["ShipMethodRef"] = new JsonObject { ["value"] = "UPS Ground", ["name"] = "UPS Ground" },
        ["TrackingNum"] = tracking,
    };
}
