using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>
/// The crosswalk check on the QBO simulator (real client), the ledger on Azurite and a recording audit trail: mappings that
/// point at deleted or inactive QBO records are reported as broken on every check; active QBO items and vendors (or
/// customers, for the estimate posting) that no mapping points at are reported once.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboSpsCrosswalkCheckIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CheckAsync_DeletedAndInactiveTargetsAndNewRecords_ReportsBrokenEachTimeAndNewRecordsOnce()
    {
        // Arrange: item 12 deleted, item 13 made inactive, vendor 57 made inactive; new item 14 and vendor 58 in QBO; an
        // account mapping to a live account.
        var items = QboSpsSandbox.SampleItems();
        items["FREIGHT"] = "account:80";
        await using var s = await QboSpsSandbox.StartAsync(azurite, items);
        s.Qbo.Seed(QboSpsSandbox.RealmId, """
            {"QueryResponse":{
              "Item":[{"Id":"14","Name":"HD-80 Widget","Type":"NonInventory","ExpenseAccountRef":{"value":"80"}}],
              "Vendor":[{"Id":"58","DisplayName":"Amazon Vendor Central"}]}}
            """);
        s.Qbo.DeleteEntity(QboSpsSandbox.RealmId, "Item", "12");
        s.Qbo.TouchEntity(QboSpsSandbox.RealmId, "Item", "13", e => e["Active"] = false);
        s.Qbo.TouchEntity(QboSpsSandbox.RealmId, "Vendor", QboSpsSandbox.VendorB, e => e["Active"] = false);
        var sut = ActivatorUtilities.CreateInstance<QboSpsCrosswalkCheck>(s.Services);

        // Act
        var first = await sut.CheckAsync(QboSpsSandbox.ConnectionId);
        var second = await sut.CheckAsync(QboSpsSandbox.ConnectionId);

        // Assert
        Assert.Equal(
            ["mappings.spsItems.SPSSupplierHD-40", "mappings.spsItems.SPSSupplierHD-60", "mappings.spsPartners.TARGETTESTID"],
            first.Broken.Select(b => b.BusinessKey).Order(StringComparer.Ordinal));
        Assert.Contains("inactive", first.Broken.Single(b => b.Source == "SPSSupplierHD-60").Problem, StringComparison.Ordinal);
        Assert.Contains("no longer lists", first.Broken.Single(b => b.Source == "SPSSupplierHD-40").Problem, StringComparison.Ordinal);
        Assert.Equal(["qbo.Item.14", "qbo.Vendor.58"], first.Unmapped.Select(u => u.BusinessKey).Order(StringComparer.Ordinal));
        Assert.Equal(2, first.NewlyReported);
        Assert.Equal(first.Broken.Count, second.Broken.Count);
        Assert.Equal(0, second.NewlyReported);
        Assert.Equal(6, s.Audit.Records.Count(r => r.Operation == QboSpsCrosswalkCheck.BrokenOperation && r.Outcome == AuditOutcome.Failed && r.ErrorKind == ErrorKind.Validation));
        Assert.Equal(["qbo.Item.14", "qbo.Vendor.58"], s.Audit.Records.Where(r => r.Operation == QboSpsCrosswalkCheck.UnmappedOperation).Select(r => r.BusinessKey).Order(StringComparer.Ordinal));
        Assert.Equal(2, s.Audit.Records.Count(r => r.Operation == QboSpsCrosswalkCheck.CheckOperation && r.Outcome == AuditOutcome.Failed));
    }

    [Fact]
    public async Task CheckAsync_AlignedEstimateConnection_FindsNothingBrokenAndReportsUnmappedCustomersNotVendors()
    {
        // Arrange: every mapping live; the estimate posting maps partners to customers.
        await using var s = await QboSpsSandbox.StartAsync(azurite, orderPosting: QboSpsOrderPosting.Estimate);
        s.Qbo.Seed(QboSpsSandbox.RealmId, """{"QueryResponse":{"Customer":[{"Id":"73","DisplayName":"Walmart (customer)"}],"Vendor":[{"Id":"58","DisplayName":"Acme Supply"}]}}""");
        var sut = ActivatorUtilities.CreateInstance<QboSpsCrosswalkCheck>(s.Services);

        // Act
        var report = await sut.CheckAsync(QboSpsSandbox.ConnectionId);

        // Assert
        Assert.Empty(report.Broken);
        Assert.Equal(["qbo.Customer.73"], report.Unmapped.Select(u => u.BusinessKey));
        Assert.Contains(s.Audit.Records, r => r.Operation == QboSpsCrosswalkCheck.CheckOperation && r.Outcome == AuditOutcome.Succeeded);
    }
}
