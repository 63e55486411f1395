using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.FreshBooks;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.FreshBooksUps;

/// <summary>
/// freshbooks-ups end to end on the real host over Azurite: FreshBooks webhooks (signed form deliveries from the simulator),
/// the poll fallback, the shared UPS shipping steps against the UPS simulator, Track Alert pushes back, and the invoice as
/// FreshBooks then holds it.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FreshBooksUpsEndToEndTests(AzuriteFixture azurite)
{
    private static readonly (string Name, decimal Quantity, decimal UnitCost)[] FlaggedLines = [("Mugs", 6m, 4m), ("Shipping", 1m, 12m)];
    private static readonly (string Name, decimal Quantity, decimal UnitCost)[] PlainLines = [("Mugs", 2m, 4m)];

    [Fact]
    public async Task FlaggedInvoice_RedeliveredWebhook_GivesOneShipmentWithTrackingAndDeliveredOnTheInvoice()
    {
        // Arrange
        await using var sandbox = await StartAsync();
        var client = sandbox.FreshBooks.AddClient("Maple Goods", "buyer@maple.example", "12 Elm St", "Alpharetta", "GA", "30005", "United States");

        // Act 1: FreshBooks delivers invoice.create twice.
        var invoiceId = await sandbox.FreshBooks.CreateInvoiceAsync(client, FlaggedLines, delivery: FreshBooksWebhookDelivery.Twice);
        await sandbox.WaitForIntakeAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, invoiceId), WorkflowRuntimeStatus.Completed);

        // Assert 1: one shipment, its tracking number in the invoice notes, the merchant's weight mapping used.
        var shipment = Assert.Single(sandbox.Ups.GetShipments());
        var tracking = Assert.Single(shipment.TrackingNumbers);
        Assert.Equal("Invoice " + (string)sandbox.FreshBooks.GetInvoice(invoiceId)["invoice_number"]!, shipment.ReferenceNumber);
        Assert.Contains($"{tracking}: Label created", Notes(sandbox, invoiceId), StringComparison.Ordinal);
        var received = Assert.Single(await AuditAsync(sandbox, "freshbooks.webhook.receive"));
        Assert.Equal((FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, invoiceId), 1), (received.WorkflowInstanceId, received.Repeats)); // the redelivery counts on the first row

        // Act 2: UPS delivers the package (Track Alert pushes back to the host), then pushes the same status again.
        await sandbox.Ups.DeliverAsync(tracking);
        await WorkflowWait.UntilAsync(() => Task.FromResult(Notes(sandbox, invoiceId).Contains($"{tracking}: Delivered", StringComparison.Ordinal)));
        var writesBefore = sandbox.FreshBooks.Requests.Count(r => r.Method == "PUT" && r.Path.Contains($"/invoices/{invoiceId}", StringComparison.Ordinal));

        // Assert 2: Delivered on the invoice once, still one shipment, and no write-back changed it again.
        Assert.Single(sandbox.Ups.GetShipments());
        Assert.Equal(1, Notes(sandbox, invoiceId).Split($"{tracking}: Delivered").Length - 1);
        Assert.DoesNotContain("Label created", Notes(sandbox, invoiceId), StringComparison.Ordinal);
        Assert.True(writesBefore >= 2, $"{writesBefore} invoice writes");
    }

    [Fact]
    public async Task UnflaggedInvoice_IsAuditedAsSkipped_ShipsOnceWhenAnUpdateFlagsIt_AndNeverTwice()
    {
        // Arrange
        await using var sandbox = await StartAsync();
        var client = sandbox.FreshBooks.AddClient("Birch Co", "buyer@birch.example", "40 Oak Ave", "Alpharetta", "GA", "30005", "United States");

        // Act 1: an invoice without the flag.
        var invoiceId = await sandbox.FreshBooks.CreateInvoiceAsync(client, PlainLines);
        await sandbox.WaitForIntakeAsync();

        // Assert 1: nothing shipped, nothing started, the skip audited.
        Assert.Empty(sandbox.Ups.GetShipments());
        Assert.Null(await sandbox.Workflows.GetStatusAsync(FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, invoiceId)));
        Assert.Contains(await AuditAsync(sandbox, "freshbooks.webhook.receive"), a => a.Outcome == AuditOutcome.Skipped && a.Detail!.Contains("not flagged for shipping", StringComparison.Ordinal));

        // Act 2: the merchant adds the Shipping line; then adds another line (a second update).
        await sandbox.FreshBooks.EditInvoiceAsync(invoiceId, addLine: ("Shipping", 1m, 12m));
        await sandbox.WaitForIntakeAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, invoiceId), WorkflowRuntimeStatus.Completed);
        await sandbox.FreshBooks.EditInvoiceAsync(invoiceId, addLine: ("Gift wrap", 1m, 3m));
        await sandbox.WaitForIntakeAsync();

        // Assert 2: shipped exactly once, its tracking on the invoice.
        var shipment = Assert.Single(sandbox.Ups.GetShipments());
        Assert.Contains(shipment.TrackingNumbers[0], Notes(sandbox, invoiceId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DroppedDelivery_IsFoundByThePollExactlyOnce()
    {
        // Arrange
        await using var sandbox = await StartAsync();
        var client = sandbox.FreshBooks.AddClient("Cedar Ltd", "buyer@cedar.example", "7 Pine Rd", "Alpharetta", "GA", "30005", "United States");
        var invoiceId = await sandbox.FreshBooks.CreateInvoiceAsync(client, FlaggedLines, delivery: FreshBooksWebhookDelivery.Drop);
        await sandbox.FreshBooks.CreateInvoiceAsync(client, PlainLines, delivery: FreshBooksWebhookDelivery.Drop);
        var poll = sandbox.Host.Services.GetRequiredService<FreshBooksUpsPollJob>();
        var connection = (await sandbox.Connections.GetAsync(FreshBooksUpsSandbox.ConnectionId))!;

        // Act
        var first = await poll.PollAsync(connection);
        await WorkflowWait.ForAsync(sandbox.Workflows, FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, invoiceId), WorkflowRuntimeStatus.Completed);
        var second = await poll.PollAsync(connection);

        // Assert
        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var shipment = Assert.Single(sandbox.Ups.GetShipments());
        Assert.Contains(shipment.TrackingNumbers[0], Notes(sandbox, invoiceId), StringComparison.Ordinal);
        Assert.Single(await AuditAsync(sandbox, FreshBooksUpsNames.PollOperation), a => a.Detail!.StartsWith("Found by the poll", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AmbiguousAddress_HaltsBeforeShipping_AndShipsOnceAfterCorrectionAndReplay()
    {
        // Arrange: UPS finds the client's address ambiguous.
        await using var sandbox = await StartAsync();
        var client = sandbox.FreshBooks.AddClient("Dogwood Inc", "buyer@dogwood.example", "1 Main St", "Alpharetta", "GA", "30009", "United States");
        sandbox.Ups.SeedAddressResult(
            new UpsAddress("Dogwood Inc", ["1 Main St"], "Alpharetta", "GA", "30009", "US"),
            UpsAddressClassification.Ambiguous,
            [new UpsAddress(string.Empty, ["1 Main St N"], "Alpharetta", "GA", "30009", "US"), new UpsAddress(string.Empty, ["1 Main St S"], "Alpharetta", "GA", "30009", "US")]);

        // Act 1
        var invoiceId = await sandbox.FreshBooks.CreateInvoiceAsync(client, FlaggedLines);
        await sandbox.WaitForIntakeAsync();
        var instanceId = FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, invoiceId);
        await WorkflowWait.ForAsync(sandbox.Workflows, instanceId, WorkflowRuntimeStatus.Failed);

        // Assert 1: halted before shipping, the candidates in the audit.
        Assert.Empty(sandbox.Ups.GetShipments());
        var validation = Assert.Single(await AuditAsync(sandbox, "ups.address.validate"), a => a.Outcome == AuditOutcome.Failed);
        Assert.True(validation.Detail!.Contains("1 MAIN ST N", StringComparison.OrdinalIgnoreCase), validation.Detail);
        Assert.Contains("1 MAIN ST S", validation.Detail, StringComparison.OrdinalIgnoreCase);

        // Act 2: the merchant corrects the address in FreshBooks; the operator replays the failed instance (twice).
        sandbox.FreshBooks.SetClientAddress(client, "1 Main St N", "Alpharetta", "GA", "30009", "United States");
        using var http = OperatorHttp.Create(sandbox.Host);
        using var replay = await http.PostAsync(new Uri($"api/workflows/{Uri.EscapeDataString(instanceId)}/replay", UriKind.Relative), OperatorHttp.Json());
        Assert.True(replay.IsSuccessStatusCode, await replay.Content.ReadAsStringAsync());
        await WorkflowWait.UntilAsync(() => Task.FromResult(sandbox.Ups.GetShipments().Count == 1 && Notes(sandbox, invoiceId).Contains("Label created", StringComparison.Ordinal)));
        await WorkflowWait.UntilAsync(async () => (await sandbox.Workflows.ListAsync(WorkflowRuntimeStatus.Completed)).Any(w => w.InstanceId.StartsWith(instanceId, StringComparison.Ordinal)));
        var poll = await sandbox.Host.Services.GetRequiredService<FreshBooksUpsPollJob>().PollAsync((await sandbox.Connections.GetAsync(FreshBooksUpsSandbox.ConnectionId))!);

        // Assert 2: one shipment, to the corrected address; the poll does not ship it again.
        Assert.Single(sandbox.Ups.GetShipments());
        Assert.Equal(0, poll);
    }

    [Fact]
    public async Task ForgedDelivery_ChangesNothing()
    {
        // Arrange
        await using var sandbox = await StartAsync();
        var client = sandbox.FreshBooks.AddClient("Elm LLC", "buyer@elm.example", "9 Birch Ln", "Alpharetta", "GA", "30005", "United States");

        // Act
        await sandbox.FreshBooks.CreateInvoiceAsync(client, FlaggedLines, delivery: FreshBooksWebhookDelivery.Forged);
        await sandbox.WaitForIntakeAsync();

        // Assert
        Assert.Empty(sandbox.Ups.GetShipments());
        Assert.Empty(await AuditAsync(sandbox, "freshbooks.webhook.receive"));
        Assert.Empty(await sandbox.Workflows.ListAsync(connectionId: FreshBooksUpsSandbox.ConnectionId));
    }

    private async Task<FreshBooksUpsSandbox> StartAsync()
    {
        var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite);
        await sandbox.RegisterWebhooksAsync();
        return sandbox;
    }

    private static string Notes(FreshBooksUpsSandbox sandbox, long invoiceId) => (string?)sandbox.FreshBooks.GetInvoice(invoiceId)["notes"] ?? string.Empty;

    private static async Task<IReadOnlyList<AuditRecord>> AuditAsync(FreshBooksUpsSandbox sandbox, string operation) =>
        await sandbox.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(
            new AuditQuery(FreshBooksUpsSandbox.ConnectionId, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)) { Operation = operation });
}
