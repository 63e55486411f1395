using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Connectors.QuickBooksOnline;

/// <summary>
/// The real QBO client's purchase-side calls (PurchaseOrder, Vendor, Bill, JournalEntry) against the QBO simulator over
/// loopback: reads, creates with requestid, DocNumber look-ups and sparse updates with the SyncToken.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QuickBooksOnlinePurchasingTests
{
    private const string Connection = QboClientHarness.ConnectionId;
    private const string Realm = QboClientHarness.RealmId;

    [Fact]
    public async Task GetPurchaseOrderAsync_SeededPurchaseOrder_ReadsAddressesLinesAndVendor()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        SeedPurchasing(harness);

        // Act
        var po = await harness.Client.GetPurchaseOrderAsync(Connection, "130");
        var vendor = await harness.Client.GetVendorAsync(Connection, "56");
        var missing = await harness.Client.GetPurchaseOrderAsync(Connection, "999");

        // Assert
        Assert.NotNull(po);
        Assert.Equal("1001", po.DocNumber);
        Assert.Equal("56", po.VendorRef!.Value);
        Assert.Equal("Atlanta", po.VendorAddr!.City);
        Assert.Equal("30005", po.ShipAddr!.PostalCode);
        Assert.Equal("Open", po.POStatus);
        var line = Assert.Single(po.Line);
        Assert.Equal("9", line.ItemBasedExpenseLineDetail!.ItemRef.Value);
        Assert.Equal(40m, line.Amount);
        Assert.Equal("Peachtree Pottery Supply", vendor!.DisplayName);
        Assert.Null(missing);
    }

    [Fact]
    public async Task CreateBillAsync_ThenFindAndUpdateWhileAUserEdits_OneBillWithBothLinesAndTheMemo()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        SeedPurchasing(harness);
        var bill = new QboBill
        {
            DocNumber = "UPS-1001",
            TxnDate = new DateOnly(2026, 11, 23),
            VendorRef = new QboRef("57"),
            PrivateNote = "UPS shipment for PO 1001",
            Line = [ExpenseLine(14.25m, "UPS Ground 1Z…")],
        };
        var created = await harness.Client.CreateBillAsync(Connection, bill, "qbo-ups-bill-1001");
        var again = await harness.Client.CreateBillAsync(Connection, bill, "qbo-ups-bill-1001");
        var seen = new List<string?>();

        // Act
        var found = await harness.Client.FindBillByDocNumberAsync(Connection, "57", "UPS-1001");
        var otherVendor = await harness.Client.FindBillByDocNumberAsync(Connection, "56", "UPS-1001");
        var updated = await harness.Client.UpdateBillAsync(Connection, created.Id!, current =>
        {
            seen.Add(current.SyncToken);
            if (seen.Count == 1)
            {
                harness.Simulator.TouchEntity(Realm, "Bill", created.Id!);
            }

            return new QboBillUpdate { PrivateNote = "Delivered 2026-11-25", Line = [.. current.Line, ExpenseLine(3.10m, "UPS fuel surcharge")] };
        });

        // Assert
        Assert.Equal(created.Id, again.Id);
        Assert.Equal(1, harness.Simulator.Count(Realm, "Bill"));
        Assert.Equal(created.Id, found!.Id);
        Assert.Null(otherVendor);
        Assert.Equal(["0", "1"], seen);
        Assert.Equal("Delivered 2026-11-25", updated.PrivateNote);
        Assert.Equal(2, updated.Line.Count);
        Assert.Equal(17.35m, updated.TotalAmt);
    }

    [Fact]
    public async Task UpdateBillAsync_NothingToChange_SendsNothing()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        SeedPurchasing(harness);
        var created = await harness.Client.CreateBillAsync(Connection, new QboBill { VendorRef = new QboRef("57"), DocNumber = "UPS-1002", Line = [ExpenseLine(9m, "UPS")] }, "qbo-ups-bill-1002");
        var posts = harness.Simulator.GetRequests().Count(r => r.Method == "POST");

        // Act
        var unchanged = await harness.Client.UpdateBillAsync(Connection, created.Id!, _ => new QboBillUpdate());

        // Assert
        Assert.Equal(created.SyncToken, unchanged.SyncToken);
        Assert.Equal(posts, harness.Simulator.GetRequests().Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task UpdateJournalEntryAsync_UnknownEntry_ThrowsNotFound()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();

        // Act
        var error = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.UpdateJournalEntryAsync(Connection, "4040", _ => new QboJournalEntryUpdate { PrivateNote = "x" }));

        // Assert
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("JournalEntry 4040", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateJournalEntryAsync_ThenFindAndUpdateMemo_KeepsTheBalancedLines()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        SeedPurchasing(harness);
        var entry = new QboJournalEntry
        {
            DocNumber = "UPS-1001",
            TxnDate = new DateOnly(2026, 11, 23),
            PrivateNote = "UPS freight for PO 1001",
            Line =
            [
                new QboLine { DetailType = "JournalEntryLineDetail", Amount = 14.25m, Description = "UPS freight", JournalEntryLineDetail = new QboJournalEntryLineDetail(QboJournalEntryLineDetail.Debit, new QboRef("80")) },
                new QboLine { DetailType = "JournalEntryLineDetail", Amount = 14.25m, Description = "UPS freight", JournalEntryLineDetail = new QboJournalEntryLineDetail(QboJournalEntryLineDetail.Credit, new QboRef("81")) },
            ],
        };

        // Act
        var created = await harness.Client.CreateJournalEntryAsync(Connection, entry, "qbo-ups-je-1001");
        var found = await harness.Client.FindJournalEntryByDocNumberAsync(Connection, "UPS-1001");
        var updated = await harness.Client.UpdateJournalEntryAsync(Connection, created.Id!, _ => new QboJournalEntryUpdate { PrivateNote = "UPS freight for PO 1001 — Delivered" });

        // Assert
        Assert.Equal(created.Id, found!.Id);
        Assert.Equal("UPS freight for PO 1001 — Delivered", updated.PrivateNote);
        var stored = harness.Simulator.GetEntity(Realm, "JournalEntry", created.Id!)!;
        Assert.Equal(2, stored["Line"]!.AsArray().Count);
        Assert.Equal("Debit", (string?)stored["Line"]![0]!["JournalEntryLineDetail"]!["PostingType"]);
        Assert.Equal("1", updated.SyncToken);
    }

    private static QboLine ExpenseLine(decimal amount, string description) => new()
    {
        DetailType = "AccountBasedExpenseLineDetail",
        Amount = amount,
        Description = description,
        AccountBasedExpenseLineDetail = new QboAccountBasedExpenseLineDetail(new QboRef("80")),
    };

    private static void SeedPurchasing(QboClientHarness harness) => harness.Simulator.Seed(Realm, """
        {"QueryResponse":{
          "Account":[{"Id":"80","Name":"Freight In","AccountType":"Cost of Goods Sold"},{"Id":"81","Name":"Accrued Freight","AccountType":"Other Current Liability"}],
          "Item":[{"Id":"9","Name":"Clay 25 lb","Type":"NonInventory","PurchaseCost":4}],
          "Vendor":[{"Id":"56","DisplayName":"Peachtree Pottery Supply","BillAddr":{"Line1":"100 Peachtree St","City":"Atlanta","CountrySubDivisionCode":"GA","PostalCode":"30303","Country":"US"}},
                    {"Id":"57","DisplayName":"UPS"}],
          "PurchaseOrder":[{"Id":"130","SyncToken":"0","DocNumber":"1001","TxnDate":"2026-11-23","POStatus":"Open","VendorRef":{"value":"56","name":"Peachtree Pottery Supply"},
            "VendorAddr":{"Line1":"100 Peachtree St","City":"Atlanta","CountrySubDivisionCode":"GA","PostalCode":"30303","Country":"US"},
            "ShipAddr":{"Line1":"Mug Works","Line2":"12 Mill Rd","City":"Alpharetta","CountrySubDivisionCode":"GA","PostalCode":"30005","Country":"US"},
            "Line":[{"Id":"1","Amount":40,"DetailType":"ItemBasedExpenseLineDetail","ItemBasedExpenseLineDetail":{"ItemRef":{"value":"9"},"Qty":10,"UnitPrice":4}}],"TotalAmt":40}]
        }}
        """);
}
