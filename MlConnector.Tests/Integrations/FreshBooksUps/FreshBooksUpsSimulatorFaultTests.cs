using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.FreshBooksUps;

/// <summary>
/// The FreshBooks simulator's injected faults (<c>SimulatorFaults</c>) against the real FreshBooks connector over loopback,
/// on the real host over Azurite: a tracking write-back whose response is lost after FreshBooks committed it is not
/// written twice, 5xx and 429 answers are retried until the invoice is shipped and shows its tracking, and an older
/// tracking write-back holding the invoice (its PUT held) takes a newer one's status instead of racing it, and a lease left by a
/// killed write-back lapses and the next proceeds.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FreshBooksUpsSimulatorFaultTests(AzuriteFixture azurite)
{
    private static readonly (string Name, decimal Quantity, decimal UnitCost)[] FlaggedLines = [("Mugs", 6m, 4m), ("Shipping", 1m, 12m)];

    [Theory]
    [InlineData(FreshBooksUpsNames.WriteBackNotes)]
    [InlineData(FreshBooksUpsNames.WriteBackLine)]
    public async Task TrackingWriteBack_ResponseLostAfterCommit_IsWrittenOnce(string writeBack)
    {
        // Arrange: the first invoice update FreshBooks commits loses its response.
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite, freshBooksSettings: new Dictionary<string, string> { [FreshBooksUpsNames.TrackingWriteBackSetting] = writeBack });
        await sandbox.RegisterWebhooksAsync();
        var client = sandbox.FreshBooks.AddClient("Maple Goods", "buyer@maple.example", "12 Elm St", "Alpharetta", "GA", "30005", "United States");
        var updates = 0;
        sandbox.FreshBooks.Faults.Applies = r => HttpMethods.IsPut(r.Method) && r.Path.Value!.Contains("/invoices/invoices/", StringComparison.Ordinal) && Interlocked.Increment(ref updates) == 1;
        sandbox.FreshBooks.Faults.Enable(serverErrorRate: 0, rateLimitRate: 0, lostResponseRate: 1, concurrentEditRate: 0, seed: 17);

        // Act
        var invoiceId = await ShipAsync(sandbox, client);

        // Assert: the lost update was sent again, and the invoice shows its tracking once with its total unchanged.
        var puts = string.Join("; ", sandbox.FreshBooks.Requests.Where(r => r.Method == "PUT" && r.Path.Contains("/invoices/invoices/", StringComparison.Ordinal)).Select(r => $"{r.StatusCode} {r.Body}"));
        Assert.True(sandbox.FreshBooks.Faults.LostResponses == 1, $"{sandbox.FreshBooks.Faults.LostResponses} lost responses; updates: {puts}");
        Assert.True(updates >= 2, $"{updates} invoice updates");
        var tracking = Assert.Single(Assert.Single(sandbox.Ups.GetShipments()).TrackingNumbers);
        var invoice = sandbox.FreshBooks.GetInvoice(invoiceId);
        var shown = Shown(invoice, writeBack);
        Assert.Equal(1, shown.Split(tracking).Length - 1);
        Assert.Equal(writeBack == FreshBooksUpsNames.WriteBackLine ? 3 : 2, invoice["lines"]!.AsArray().Count);
        Assert.Equal("36.00", (string?)invoice["amount"]!["amount"]);
    }

    [Theory]
    [InlineData(FreshBooksUpsNames.WriteBackNotes)]
    [InlineData(FreshBooksUpsNames.WriteBackLine)]
    public async Task TwoWriteBacks_OlderPutHeld_NewerIsHandedToTheHolderAndNeverOverwritten(string writeBack)
    {
        // Arrange: an invoice shipped and showing its first status (the chaos run's regressed invoice, made deterministic).
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite, freshBooksSettings: new Dictionary<string, string> { [FreshBooksUpsNames.TrackingWriteBackSetting] = writeBack });
        await sandbox.RegisterWebhooksAsync();
        var client = sandbox.FreshBooks.AddClient("Cedar Supply", "buyer@cedar.example", "7 Pine Rd", "Alpharetta", "GA", "30005", "United States");
        var invoiceId = await ShipAsync(sandbox, client);
        var tracking = Assert.Single(Assert.Single(sandbox.Ups.GetShipments()).TrackingNumbers);
        var steps = sandbox.Host.Services.GetRequiredService<UpsShippingSteps>();
        var writer = sandbox.Host.Services.GetRequiredService<FreshBooksTrackingWriter>();
        var tables = sandbox.Host.Services.GetRequiredService<TableProvider>();
        var lease = UpsTrackingWriteBack.LeaseName(FreshBooksUpsNames.InvoiceSource, invoiceId.ToString(CultureInfo.InvariantCulture));
        var day = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var pickup = new UpsTrackingStatus(tracking, true) { StatusType = "P", Description = "Pickup Scan", ActivityLocalTime = day.AddHours(9) };
        var delivered = new UpsTrackingStatus(tracking, true) { StatusType = "D", Description = "Delivered", ActivityLocalTime = day.AddHours(15) };
        var putsBefore = InvoicePuts(sandbox).Count;

        // The next invoice PUT (the Pickup write-back's) is held until released.
        var hold = HeldRequest.Install(sandbox.FreshBooks.Faults, r => HttpMethods.IsPut(r.Method) && IsInvoice(r));

        // Act: Pickup reaches the row and its write-back PUTs (held, holding the invoice's lease); Delivered reaches the row
        // and its write-back finds the lease taken and asks the holder for a pass; then the held Pickup PUT lands.
        await steps.RecordStatusAsync(FreshBooksUpsSandbox.ConnectionId, pickup);
        var pickupWrite = writer.WriteAsync(FreshBooksUpsSandbox.ConnectionId, invoiceId, null, $"{tracking}: Pickup Scan");
        await hold.WaitUntilHeldAsync();
        await steps.RecordStatusAsync(FreshBooksUpsSandbox.ConnectionId, delivered);
        var deliveredWrite = writer.WriteAsync(FreshBooksUpsSandbox.ConnectionId, invoiceId, null, $"{tracking}: Delivered");
        await WorkflowWait.UntilAsync(async () => (await ConnectionLease.ReadHolderAsync(tables, FreshBooksUpsSandbox.ConnectionId, lease))?.Requested == true);
        var deliveredWaited = !deliveredWrite.IsCompleted;
        var putsWhileHeld = InvoicePuts(sandbox).Skip(putsBefore).ToList();
        hold.Release();
        await Task.WhenAll(pickupWrite, deliveredWrite);

        // Assert: nothing was written while the Pickup PUT was held (the Delivered write-back waited for the holder); the
        // PUTs landed Pickup then Delivered, never Pickup after Delivered; the invoice shows Delivered once; the lease is gone.
        Assert.True(deliveredWaited);
        Assert.Empty(putsWhileHeld);
        var puts = InvoicePuts(sandbox).Skip(putsBefore).ToList();
        Assert.Equal(2, puts.Count);
        Assert.Equal(2, hold.Count);
        Assert.Contains("Pickup Scan", puts[0], StringComparison.Ordinal);
        Assert.Contains($"{tracking}: Delivered", puts[1], StringComparison.Ordinal);
        var invoice = sandbox.FreshBooks.GetInvoice(invoiceId);
        var shown = Shown(invoice, writeBack);
        Assert.Equal(1, shown.Split($"{tracking}: Delivered").Length - 1);
        Assert.DoesNotContain("Pickup Scan", shown, StringComparison.Ordinal);
        Assert.Equal("36.00", (string?)invoice["amount"]!["amount"]);
        Assert.Null(await ConnectionLease.ReadHolderAsync(tables, FreshBooksUpsSandbox.ConnectionId, lease));

        // Assert: the Pickup write-back's audit row says it left Delivered on the invoice (its correction wrote it); the
        // Delivered write-back's says it handed its status to the holder.
        var now = TimeProvider.System.GetUtcNow();
        var audit = await sandbox.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(FreshBooksUpsSandbox.ConnectionId, now.AddHours(-1), now.AddHours(1)));
        var pickupRow = Assert.Single(audit, a => a.Operation == FreshBooksUpsNames.WriteBackOperation && a.Detail!.Contains("Pickup Scan", StringComparison.Ordinal));
        Assert.Equal(AuditOutcome.Succeeded, pickupRow.Outcome);
        Assert.Contains($"; now shows {tracking}: Delivered", pickupRow.Detail, StringComparison.Ordinal);
        var deliveredRow = Assert.Single(audit, a => a.Operation == FreshBooksUpsNames.WriteBackOperation && a.Detail!.Contains($": {tracking}: Delivered handed to the write-back holding the invoice", StringComparison.Ordinal));
        Assert.Equal(AuditOutcome.Skipped, deliveredRow.Outcome);
    }

    [Fact]
    public async Task WriteBack_LeaseLeftByKilledHolder_WaitsForItToLapseThenWrites()
    {
        // Arrange: a shipped invoice, Delivered on its row, and the invoice's write-back lease left by a holder that was
        // killed mid-write (it never renews nor releases): taken so that it lapses a few seconds from now.
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite);
        await sandbox.RegisterWebhooksAsync();
        var client = sandbox.FreshBooks.AddClient("Alder Works", "buyer@alder.example", "3 Ash Ln", "Alpharetta", "GA", "30005", "United States");
        var invoiceId = await ShipAsync(sandbox, client);
        var tracking = Assert.Single(Assert.Single(sandbox.Ups.GetShipments()).TrackingNumbers);
        var tables = sandbox.Host.Services.GetRequiredService<TableProvider>();
        var lease = UpsTrackingWriteBack.LeaseName(FreshBooksUpsNames.InvoiceSource, invoiceId.ToString(CultureInfo.InvariantCulture));
        var delivered = new UpsTrackingStatus(tracking, true) { StatusType = "D", Description = "Delivered", ActivityLocalTime = new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero) };
        await sandbox.Host.Services.GetRequiredService<UpsShippingSteps>().RecordStatusAsync(FreshBooksUpsSandbox.ConnectionId, delivered);
        var killed = await ConnectionLease.TryAcquireAsync(tables, FreshBooksUpsSandbox.ConnectionId, lease, "killed-host/1", TimeProvider.System.GetUtcNow() - UpsTrackingWriteBack.LeaseDuration + TimeSpan.FromSeconds(3), UpsTrackingWriteBack.LeaseDuration);
        Assert.NotNull(killed);

        // Act
        var result = await sandbox.Host.Services.GetRequiredService<FreshBooksTrackingWriter>().WriteAsync(FreshBooksUpsSandbox.ConnectionId, invoiceId, null, $"{tracking}: Delivered");

        // Assert: the write-back took the lapsed lease and wrote (not handed to the dead holder), and let the lease go.
        Assert.True(result.Changed);
        Assert.Contains($"{tracking}: Delivered", Notes(sandbox, invoiceId), StringComparison.Ordinal);
        Assert.Null(await ConnectionLease.ReadHolderAsync(tables, FreshBooksUpsSandbox.ConnectionId, lease));
    }

    [Fact]
    public async Task InvoiceReadAndWriteBack_Answered5xxThen429_AreRetriedAndTheInvoiceShipsOnce()
    {
        // Arrange: the first invoice read answers 5xx; later the first write-back answers 429 with Retry-After.
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite);
        await sandbox.RegisterWebhooksAsync();
        var client = sandbox.FreshBooks.AddClient("Birch Co", "buyer@birch.example", "40 Oak Ave", "Alpharetta", "GA", "30005", "United States");
        var faults = sandbox.FreshBooks.Faults;
        var reads = 0;
        faults.Applies = r => HttpMethods.IsGet(r.Method) && IsInvoice(r) && Interlocked.Increment(ref reads) == 1;
        faults.Enable(serverErrorRate: 1, rateLimitRate: 0, lostResponseRate: 0, concurrentEditRate: 0, seed: 17);

        // Act 1: the invoice is issued and shipped.
        var invoiceId = await ShipAsync(sandbox, client);
        var tracking = Assert.Single(Assert.Single(sandbox.Ups.GetShipments()).TrackingNumbers);

        // Act 2: UPS delivers it; the Delivered write-back is throttled once.
        var writes = 0;
        faults.Applies = r => HttpMethods.IsPut(r.Method) && IsInvoice(r) && Interlocked.Increment(ref writes) == 1;
        faults.Enable(serverErrorRate: 0, rateLimitRate: 1, lostResponseRate: 0, concurrentEditRate: 0, seed: 17);
        await sandbox.Ups.DeliverAsync(tracking);
        await WorkflowWait.UntilAsync(() => Task.FromResult(Notes(sandbox, invoiceId).Contains($"{tracking}: Delivered", StringComparison.Ordinal)));

        // Assert: each fault injected once and retried; one shipment; Delivered shown once.
        Assert.Equal((1, 1), (faults.ServerErrors, faults.RateLimits));
        Assert.True(reads >= 2 && writes >= 2, $"{reads} reads, {writes} writes");
        Assert.Single(sandbox.Ups.GetShipments());
        Assert.Equal(1, Notes(sandbox, invoiceId).Split($"{tracking}: Delivered").Length - 1);
    }

    /// <summary>Issues a flagged invoice and waits until its workflow shipped it.</summary>
    private static async Task<long> ShipAsync(FreshBooksUpsSandbox sandbox, long client)
    {
        var invoiceId = await sandbox.FreshBooks.CreateInvoiceAsync(client, FlaggedLines);
        await sandbox.WaitForIntakeAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, invoiceId), WorkflowRuntimeStatus.Completed);
        return invoiceId;
    }

    private static string Shown(JsonObject invoice, string writeBack) =>
        writeBack == FreshBooksUpsNames.WriteBackLine
            ? string.Join("\n", invoice["lines"]!.AsArray().Where(l => (string?)l!["name"] == FreshBooksUpsNames.TrackingLineName).Select(l => (string?)l!["description"]))
            : (string?)invoice["notes"] ?? string.Empty;

    private static List<string> InvoicePuts(FreshBooksUpsSandbox sandbox) =>
        sandbox.FreshBooks.Requests.Where(r => r.Method == "PUT" && r.Path.Contains("/invoices/invoices/", StringComparison.Ordinal)).Select(r => r.Body ?? string.Empty).ToList();

    private static bool IsInvoice(HttpRequest request) => request.Path.Value!.Contains("/invoices/invoices/", StringComparison.Ordinal);

    private static string Notes(FreshBooksUpsSandbox sandbox, long invoiceId) => (string?)sandbox.FreshBooks.GetInvoice(invoiceId)["notes"] ?? string.Empty;
}
