using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Core.Storage;
using MlConnector.Sandbox.SpsCommerce;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>
/// Inbound 850 → QBO PurchaseOrder on the SPS and QBO simulators, the real clients, the ledger and the archive on Azurite:
/// every SPS sample becomes one purchase order with the right lines; a revision updates it; a duplicate creates nothing;
/// an unmapped item fails naming it while the rest of the batch goes on; a malformed document is quarantined with its
/// bytes kept and is not acknowledged.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SpsOrderImporterIntegrationTests(AzuriteFixture azurite)
{
    public static TheoryData<string> SampleOrders()
    {
        var data = new TheoryData<string>();
        foreach (var name in SpsCommerceSimulator.SampleOrders().Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleOrders))]
    public async Task Process_EverySample850_BecomesOnePurchaseOrderWithTheRightLinesAndIsAcknowledged(string sample)
    {
        // Arrange
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        s.Sps.AddOutboxDocument(sample, SpsCommerceSimulator.SampleOrders()[sample]);

        // Act
        var result = await s.ProcessAsync("out/" + sample);

        // Assert
        Assert.Equal(SpsOrderImportOutcome.Created, result.Outcome);
        var po = Assert.Single(s.PurchaseOrders());
        Assert.Equal("PO584615-1", po["DocNumber"]!.GetValue<string>());
        Assert.Equal(QboSpsSandbox.VendorA, po["VendorRef"]!["value"]!.GetValue<string>());
        Assert.Equal("2020-12-01", po["TxnDate"]!.GetValue<string>());
        var lines = po["Line"]!.AsArray().Select(l => l!["ItemBasedExpenseLineDetail"]!).Select(d => (d["ItemRef"]!["value"]!.GetValue<string>(), d["Qty"]!.GetValue<decimal>(), d["UnitPrice"]!.GetValue<decimal>())).ToList();
        Assert.Equal([("11", 30m, 20m), ("12", 75m, 10m), ("12", 45m, 50m)], lines);
        Assert.Equal(3600m, po["TotalAmt"]!.GetValue<decimal>());
        Assert.Empty(s.Sps.Outbox);
        Assert.Contains(s.Audit.Records, r => r.Operation == QboSpsNames.ImportOperation && r.Outcome == AuditOutcome.Succeeded && r.BusinessKey == "SPSALLTESTID/PO584615-1" && r.VendorReference == result.QboPurchaseOrderId);
    }

    [Fact]
    public async Task Process_TheSameOrderUploadedTwiceAndReplayed_CreatesOnePurchaseOrder()
    {
        // Arrange: SPS's two sample 850s carry the same partner and PO number (PO584615-1): the second is a duplicate.
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        foreach (var (name, bytes) in SpsCommerceSimulator.SampleOrders())
        {
            s.Sps.AddOutboxDocument(name, bytes);
        }

        var names = s.Sps.Outbox.ToList();

        // Act
        var first = await s.ProcessAsync("out/" + names[0]);
        var second = await s.ProcessAsync("out/" + names[1]);
        var replay = await s.Importer.ImportAsync(new SpsDocumentRef(QboSpsSandbox.ConnectionId, "out/" + names[0]));

        // Assert
        Assert.Equal(SpsOrderImportOutcome.Created, first.Outcome);
        Assert.Equal(SpsOrderImportOutcome.Duplicate, second.Outcome);
        Assert.Equal(SpsOrderImportOutcome.Duplicate, replay.Outcome);
        Assert.Equal(first.QboPurchaseOrderId, replay.QboPurchaseOrderId);
        Assert.Single(s.PurchaseOrders());
        Assert.Empty(s.Sps.Outbox);
    }

    [Fact]
    public async Task Process_RevisionAndCancellation_UpdateTheExistingPurchaseOrderWithItsSyncToken()
    {
        // Arrange
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        s.Sps.AddOutboxDocument("PO-7001-00.json", await s.OrderAsync(QboSpsSandbox.PartnerB, "PO-7001", "00", ("SPSSupplierHD-20", 4m, 20m)));
        var created = await s.ProcessAsync("out/PO-7001-00.json");
        s.Sps.AddOutboxDocument("PO-7001-05.json", await s.OrderAsync(QboSpsSandbox.PartnerB, "PO-7001", "05", ("SPSSupplierHD-20", 6m, 20m), ("SPSSupplierHD-40", 1m, 10m)));

        // Act
        var revised = await s.ProcessAsync("out/PO-7001-05.json");
        var afterRevision = Assert.Single(s.PurchaseOrders());
        s.Sps.AddOutboxDocument("PO-7001-01.json", await s.OrderAsync(QboSpsSandbox.PartnerB, "PO-7001", "01", ("SPSSupplierHD-20", 6m, 20m)));
        var cancelled = await s.ProcessAsync("out/PO-7001-01.json");

        // Assert
        Assert.Equal((SpsOrderImportOutcome.Updated, created.QboPurchaseOrderId), (revised.Outcome, revised.QboPurchaseOrderId));
        Assert.Equal("1", afterRevision["SyncToken"]!.GetValue<string>());
        Assert.Equal(130m, afterRevision["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(2, afterRevision["Line"]!.AsArray().Count);
        Assert.Equal(SpsOrderImportOutcome.Cancelled, cancelled.Outcome);
        var closed = Assert.Single(s.PurchaseOrders());
        Assert.Equal("Closed", closed["POStatus"]!.GetValue<string>());
        Assert.Equal(QboSpsSandbox.VendorB, closed["VendorRef"]!["value"]!.GetValue<string>());
        Assert.Empty(s.Sps.Outbox);
    }

    [Fact]
    public async Task Import_UnmappedItem_FailsNamingItTheRestGoOnAndAMappingThenLetsItThrough()
    {
        // Arrange: HD-40 is not in the crosswalk.
        var items = QboSpsSandbox.SampleItems();
        items.Remove("SPSSupplierHD-40");
        await using var s = await QboSpsSandbox.StartAsync(azurite, items);
        s.Sps.AddOutboxDocument("a.json", await s.OrderAsync(QboSpsSandbox.PartnerA, "PO-8001", "00", ("SPSSupplierHD-20", 1m, 20m), ("SPSSupplierHD-40", 2m, 10m)));
        s.Sps.AddOutboxDocument("b.json", await s.OrderAsync(QboSpsSandbox.PartnerB, "PO-8002", "00", ("SPSSupplierHD-20", 3m, 20m)));

        // Act
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => s.ProcessAsync("out/a.json"));
        var other = await s.ProcessAsync("out/b.json");

        // Assert
        Assert.Equal("mappings.spsItems.SPSSupplierHD-40", error.Field);
        Assert.Contains("SPSSupplierHD-40", error.Message, StringComparison.Ordinal);
        Assert.Equal(SpsOrderImportOutcome.Created, other.Outcome);
        Assert.Equal(["a.json"], s.Sps.Outbox);
        Assert.Contains(s.Audit.Records, r => r.Operation == QboSpsNames.ImportOperation && r.Outcome == AuditOutcome.Failed && r.ErrorKind == ErrorKind.Validation && r.BusinessKey == "SPSALLTESTID/PO-8001");

        // Act: the merchant maps the item; the replay goes through once.
        var connection = (await s.Connections.GetAsync(QboSpsSandbox.ConnectionId))!;
        await s.Connections.UpdateAsync(connection with
        {
            Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>(connection.Mappings) { [QboSpsNames.ItemMapping] = QboSpsSandbox.SampleItems() },
        });
        var replayed = await s.ProcessAsync("out/a.json");

        // Assert
        Assert.Equal(SpsOrderImportOutcome.Created, replayed.Outcome);
        Assert.Equal(2, s.PurchaseOrders().Count);
        Assert.Empty(s.Sps.Outbox);
    }

    [Theory]
    [InlineData("{\"Header\":{\"OrderHeader\":{\"TradingPartnerId\":\"SPSALLTESTID\"}}}", "Header.OrderHeader.PurchaseOrderNumber")]
    [InlineData("\uFEFF{\r\n\"Header\": [not json\r\n", "(document)")]
    public async Task Import_MalformedDocument_IsQuarantinedWithItsBytesKeptAndNotAcknowledged(string text, string field)
    {
        // Arrange
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        var bytes = Encoding.UTF8.GetBytes(text);
        s.Sps.AddOutboxDocument("bad.json", bytes);

        // Act
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => s.ProcessAsync("out/bad.json"));

        // Assert
        Assert.Equal(field, error.Field);
        Assert.Equal(["bad.json"], s.Sps.Outbox);
        Assert.Empty(s.PurchaseOrders());
        var row = Assert.Single(s.Audit.Records, r => r.Operation == QboSpsNames.QuarantineOperation);
        Assert.Equal(AuditOutcome.Failed, row.Outcome);
        var blobName = SpsDocumentArchive.BlobName(QboSpsSandbox.ConnectionId, "out/bad.json");
        Assert.Contains(blobName, row.Detail, StringComparison.Ordinal);
        var container = await s.Services.GetRequiredService<BlobContainerProvider>().GetAsync();
        Assert.Equal(bytes, (await container.GetBlobClient(blobName).DownloadContentAsync()).Value.Content.ToArray());
        Assert.DoesNotContain(s.Sps.Requests, r => r.Method == "DELETE" && r.StatusCode < 300);
    }
}
