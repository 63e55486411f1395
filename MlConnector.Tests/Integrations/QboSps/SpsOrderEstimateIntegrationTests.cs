using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Sandbox.SpsCommerce;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>
/// The <c>estimate</c> posting (<see cref="QboSpsOrderPosting"/>) on the SPS and QBO simulators, the real clients, the
/// ledger and the archive on Azurite: an 850 becomes one QBO Estimate to the retailer as customer (no PurchaseOrder), with
/// the same once-only rules; the invoice that bills the estimate (QBO <c>LinkedTxn</c>) leaves as the partner's 810.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SpsOrderEstimateIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Process_Sample850_BecomesOnePendingEstimateToThePartnersCustomer()
    {
        // Arrange
        await using var s = await QboSpsSandbox.StartAsync(azurite, orderPosting: QboSpsOrderPosting.Estimate);
        var (name, bytes) = SpsCommerceSimulator.SampleOrders().First();
        s.Sps.AddOutboxDocument(name, bytes);

        // Act
        var result = await s.ProcessAsync("out/" + name);

        // Assert
        Assert.Equal((SpsOrderImportOutcome.Created, "Estimate"), (result.Outcome, result.QboEntity));
        Assert.Empty(s.PurchaseOrders());
        var estimate = Assert.Single(s.Estimates());
        Assert.Equal(result.QboPurchaseOrderId, estimate["Id"]!.GetValue<string>());
        Assert.Equal("PO584615-1", estimate["DocNumber"]!.GetValue<string>());
        Assert.Equal(QboSpsSandbox.CustomerA, estimate["CustomerRef"]!["value"]!.GetValue<string>());
        Assert.Equal("Pending", estimate["TxnStatus"]!.GetValue<string>());
        Assert.Equal(QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerA, "PO584615-1"), estimate["PrivateNote"]!.GetValue<string>());
        var lines = estimate["Line"]!.AsArray().Select(l => l!["SalesItemLineDetail"]!).Select(d => (d["ItemRef"]!["value"]!.GetValue<string>(), d["Qty"]!.GetValue<decimal>(), d["UnitPrice"]!.GetValue<decimal>())).ToList();
        Assert.Equal([("11", 30m, 20m), ("12", 75m, 10m), ("12", 45m, 50m)], lines);
        Assert.Equal(3600m, estimate["TotalAmt"]!.GetValue<decimal>());
        Assert.Empty(s.Sps.Outbox);
        Assert.Contains(s.Audit.Records, r => r.Operation == QboSpsNames.ImportOperation && r.Outcome == AuditOutcome.Succeeded && r.Detail!.Contains("QBO Estimate " + result.QboPurchaseOrderId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Process_DuplicateRevisionAndCancellation_TouchTheOneEstimateWithItsSyncToken()
    {
        // Arrange
        await using var s = await QboSpsSandbox.StartAsync(azurite, orderPosting: QboSpsOrderPosting.Estimate);
        s.Sps.AddOutboxDocument("e-00.json", await s.OrderAsync(QboSpsSandbox.PartnerB, "PO-9001", "00", ("SPSSupplierHD-20", 4m, 20m)));
        s.Sps.AddOutboxDocument("e-00-again.json", await s.OrderAsync(QboSpsSandbox.PartnerB, "PO-9001", "00", ("SPSSupplierHD-20", 4m, 20m)));

        // Act
        var created = await s.ProcessAsync("out/e-00.json");
        var duplicate = await s.ProcessAsync("out/e-00-again.json");
        s.Sps.AddOutboxDocument("e-05.json", await s.OrderAsync(QboSpsSandbox.PartnerB, "PO-9001", "05", ("SPSSupplierHD-20", 6m, 20m), ("SPSSupplierHD-40", 1m, 10m)));
        var revised = await s.ProcessAsync("out/e-05.json");
        var afterRevision = Assert.Single(s.Estimates());
        s.Sps.AddOutboxDocument("e-01.json", await s.OrderAsync(QboSpsSandbox.PartnerB, "PO-9001", "01", ("SPSSupplierHD-20", 6m, 20m)));
        var cancelled = await s.ProcessAsync("out/e-01.json");

        // Assert
        Assert.Equal(SpsOrderImportOutcome.Duplicate, duplicate.Outcome);
        Assert.Equal((SpsOrderImportOutcome.Updated, created.QboPurchaseOrderId), (revised.Outcome, revised.QboPurchaseOrderId));
        Assert.Equal("1", afterRevision["SyncToken"]!.GetValue<string>());
        Assert.Equal(130m, afterRevision["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(SpsOrderImportOutcome.Cancelled, cancelled.Outcome);
        var closed = Assert.Single(s.Estimates());
        Assert.Equal(("Closed", "2"), (closed["TxnStatus"]!.GetValue<string>(), closed["SyncToken"]!.GetValue<string>()));
        Assert.Equal(QboSpsSandbox.CustomerB, closed["CustomerRef"]!["value"]!.GetValue<string>());
        Assert.Empty(s.PurchaseOrders());
        Assert.Empty(s.Sps.Outbox);
    }

    [Fact]
    public async Task Import_EstimateAlreadyInQboButNotInTheLedger_IsFoundByDocNumberAndNotCreatedAgain()
    {
        // Arrange: the estimate exists in QBO (an earlier run whose ledger row was lost); a second partner's equal PO
        // number without the marker must not match.
        await using var s = await QboSpsSandbox.StartAsync(azurite, orderPosting: QboSpsOrderPosting.Estimate);
        s.Qbo.Seed(QboSpsSandbox.RealmId, """
            {"QueryResponse":{"Estimate":[
              {"Id":"500","SyncToken":"0","DocNumber":"PO-9100","CustomerRef":{"value":"72"},"PrivateNote":"SPS TARGETTESTID PO PO-9100","Line":[]},
              {"Id":"501","SyncToken":"0","DocNumber":"PO-9100","CustomerRef":{"value":"71"},"PrivateNote":"walk-in quote","Line":[]}]}}
            """);
        s.Sps.AddOutboxDocument("e.json", await s.OrderAsync(QboSpsSandbox.PartnerB, "PO-9100", "00", ("SPSSupplierHD-20", 1m, 20m)));

        // Act
        var result = await s.ProcessAsync("out/e.json");

        // Assert
        Assert.Equal((SpsOrderImportOutcome.Duplicate, "500"), (result.Outcome, result.QboPurchaseOrderId));
        Assert.Equal(2, s.Estimates().Count);
        var requests = s.Qbo.GetRequests();
        Assert.Contains(requests, r => r.Statement?.Contains("from Estimate where DocNumber = 'PO-9100'", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(requests, r => r.Method == "POST" && r.Path.EndsWith("/estimate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_PartnerWithoutACustomerOrItemMappedToAnAccount_IsADataErrorNamingIt()
    {
        // Arrange: the estimate posting needs the partner's customer, and sales lines need items.
        var items = QboSpsSandbox.SampleItems();
        items["SPSSupplierHD-40"] = "account:80";
        await using var s = await QboSpsSandbox.StartAsync(azurite, items, QboSpsOrderPosting.Estimate);
        s.Sps.AddOutboxDocument("acct.json", await s.OrderAsync(QboSpsSandbox.PartnerA, "PO-9200", "00", ("SPSSupplierHD-40", 1m, 10m)));
        s.Sps.AddOutboxDocument("nobody.json", await s.OrderAsync("UNKNOWNPARTNER", "PO-9201", "00", ("SPSSupplierHD-20", 1m, 20m)));

        // Act
        var account = await Assert.ThrowsAsync<ConnectorValidationException>(() => s.ProcessAsync("out/acct.json"));
        var partner = await Assert.ThrowsAsync<ConnectorValidationException>(() => s.ProcessAsync("out/nobody.json"));

        // Assert
        Assert.Equal("mappings.spsItems", account.Field);
        Assert.Contains("account 80", account.Message, StringComparison.Ordinal);
        Assert.Equal("mappings.spsCustomers.UNKNOWNPARTNER", partner.Field);
        Assert.Empty(s.Estimates());
        Assert.Equal(["acct.json", "nobody.json"], s.Sps.Outbox.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendInvoice_InvoiceBillingTheEstimate_UploadsOne810ForThePartnersPo()
    {
        // Arrange: the merchant invoices the estimate in QBO (LinkedTxn to the Estimate, no marker of its own).
        await using var s = await QboSpsSandbox.StartAsync(azurite, orderPosting: QboSpsOrderPosting.Estimate);
        s.Sps.AddOutboxDocument("e.json", await s.OrderAsync(QboSpsSandbox.PartnerB, "PO-9300", "00", ("SPSSupplierHD-20", 4m, 20m), ("SPSSupplierHD-40", 1m, 10m)));
        var estimate = await s.ProcessAsync("out/e.json");
        var qbo = s.Services.GetRequiredService<IQuickBooksOnlineClient>();
        var invoice = await qbo.CreateInvoiceAsync(QboSpsSandbox.ConnectionId, BillingInvoice("2001", QboSpsSandbox.CustomerB, estimate.QboPurchaseOrderId), "inv-2001");
        var reference = new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoice.Id!);

        // Act
        var first = await s.InvoiceSender.SendAsync(reference);
        var retry = await s.InvoiceSender.SendAsync(reference);

        // Assert
        Assert.Equal("Estimate", Assert.Single(invoice.LinkedTxn!).TxnType);
        Assert.True(first.Uploaded);
        Assert.False(retry.Uploaded);
        var uploaded = Assert.Single(s.Sps.Uploaded);
        Assert.Equal((RsxDocumentType.Invoice, QboSpsSandbox.PartnerB, "2001"), (uploaded.Type, uploaded.TradingPartnerId, uploaded.DocumentNumber));
        var doc = JsonNode.Parse(uploaded.Content)!;
        Assert.Equal("PO-9300", doc["Header"]!["InvoiceHeader"]!["PurchaseOrderNumber"]!.GetValue<string>());
        Assert.Equal(90m, doc["Summary"]!["TotalAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task SendInvoice_InvoiceLinkedToACancelledEstimate_LinkIsIgnoredByQboAndNothingIsSent()
    {
        // Arrange: the partner cancelled the PO, so the estimate is Closed; QBO ignores a link to a Closed estimate.
        await using var s = await QboSpsSandbox.StartAsync(azurite, orderPosting: QboSpsOrderPosting.Estimate);
        s.Sps.AddOutboxDocument("e-00.json", await s.OrderAsync(QboSpsSandbox.PartnerA, "PO-9400", "00", ("SPSSupplierHD-20", 1m, 20m)));
        var estimate = await s.ProcessAsync("out/e-00.json");
        s.Sps.AddOutboxDocument("e-01.json", await s.OrderAsync(QboSpsSandbox.PartnerA, "PO-9400", "01", ("SPSSupplierHD-20", 1m, 20m)));
        await s.ProcessAsync("out/e-01.json");
        var qbo = s.Services.GetRequiredService<IQuickBooksOnlineClient>();
        var invoice = await qbo.CreateInvoiceAsync(QboSpsSandbox.ConnectionId, BillingInvoice("2002", QboSpsSandbox.CustomerA, estimate.QboPurchaseOrderId), "inv-2002");

        // Act
        var result = await s.InvoiceSender.SendAsync(new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoice.Id!));

        // Assert
        Assert.Empty(invoice.LinkedTxn ?? []);
        Assert.False(result.Uploaded);
        Assert.Empty(s.Sps.Uploaded);
    }

    private static QboInvoice BillingInvoice(string docNumber, string customerId, string estimateId) => new()
    {
        DocNumber = docNumber,
        TxnDate = new DateOnly(2026, 7, 2),
        CustomerRef = new QboRef(customerId),
        LinkedTxn = [new QboLinkedTxn(estimateId, QboLinkedTxn.EstimateType)],
        Line =
        [
            new QboLine { DetailType = "SalesItemLineDetail", Amount = 80m, SalesItemLineDetail = new QboSalesItemLineDetail(new QboRef("11"), 4m, 20m) },
            new QboLine { DetailType = "SalesItemLineDetail", Amount = 10m, SalesItemLineDetail = new QboSalesItemLineDetail(new QboRef("12"), 1m, 10m) },
        ],
    };
}
