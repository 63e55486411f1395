using System.Text.Json.Nodes;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>
/// Outbound 810: a QBO invoice (in the QBO simulator) linked to an SPS PO becomes one schema-valid RSX 810 uploaded to the
/// SPS simulator for the right partner, exactly once under retries and 429 storms; an unlinked invoice sends nothing; an
/// unmapped item is a data error naming it and sends nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SpsInvoiceSenderIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendAsync_LinkedInvoiceWithRetriesAndA429Storm_UploadsOneValid810ToThePartner()
    {
        // Arrange
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        var invoiceId = s.CreateInvoice("1001", "72", QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerB, "PO-7001"), null, ("11", 4m, 20m), ("12", 1m, 10m));
        s.Sps.FailNext(HttpStatusCode.TooManyRequests, 3);
        var invoice = new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoiceId);

        // Act
        var first = await s.InvoiceSender.SendAsync(invoice);
        var retry = await s.InvoiceSender.SendAsync(invoice);

        // Assert
        Assert.True(first.Uploaded);
        Assert.False(retry.Uploaded);
        Assert.Equal(first.Path, retry.Path);
        var uploaded = Assert.Single(s.Sps.Uploaded);
        Assert.Equal((RsxDocumentType.Invoice, QboSpsSandbox.PartnerB, "1001"), (uploaded.Type, uploaded.TradingPartnerId, uploaded.DocumentNumber));
        Assert.Equal("IN-TARGETTESTID-1001.json", uploaded.Name);
        var doc = JsonNode.Parse(uploaded.Content)!;
        Assert.Equal("PO-7001", doc["Header"]!["InvoiceHeader"]!["PurchaseOrderNumber"]!.GetValue<string>());
        Assert.Equal(["SPSSupplierHD-20", "SPSSupplierHD-40"], doc["LineItem"]!.AsArray().Select(l => l!["InvoiceLine"]!["VendorPartNumber"]!.GetValue<string>()));
        Assert.Equal(90m, doc["Summary"]!["TotalAmount"]!.GetValue<decimal>());
        Assert.Equal(1, s.Audit.Records.Count(r => r.Operation == SpsInvoiceSender.Operation && r.Outcome == AuditOutcome.Succeeded));
    }

    [Fact]
    public async Task SendAsync_InvoiceNotLinkedToAnSpsPo_SendsNothing()
    {
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        var invoiceId = s.CreateInvoice("1002", "71", "walk-in sale", null, ("11", 1m, 20m));

        var result = await s.InvoiceSender.SendAsync(new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoiceId));

        Assert.False(result.Uploaded);
        Assert.Null(result.Path);
        Assert.Empty(s.Sps.Uploaded);
    }

    [Fact]
    public async Task SendAsync_ItemNotInTheCrosswalk_IsADataErrorNamingItAndSendsNothing()
    {
        // Arrange: item 13 has no SPS part number.
        var items = QboSpsSandbox.SampleItems();
        items.Remove("SPSSupplierHD-60");
        await using var s = await QboSpsSandbox.StartAsync(azurite, items);
        var invoiceId = s.CreateInvoice("1003", "71", QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerA, "PO584615-1"), null, ("13", 1m, 5m));

        // Act
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => s.InvoiceSender.SendAsync(new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoiceId)));

        // Assert
        Assert.Equal("mappings.spsItems.(item 13)", error.Field);
        Assert.Empty(s.Sps.Uploaded);
        Assert.Contains(s.Audit.Records, r => r.Operation == SpsInvoiceSender.Operation && r.Outcome == AuditOutcome.Failed && r.ErrorKind == ErrorKind.Validation);
    }
}
