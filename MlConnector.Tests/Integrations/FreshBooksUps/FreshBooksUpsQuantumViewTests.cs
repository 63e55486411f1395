using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.FreshBooksUps;

/// <summary>
/// #14 item 6: Quantum View (<c>ups.trackingSource</c> = <c>quantumview</c>) as a freshbooks-ups connection's tracking
/// source, on the real host, Azurite and the simulators: no Track Alert subscription, the delivery read from Quantum View
/// reaches the FreshBooks invoice once, and reading again changes nothing. The pickup and the delivery are two workflows
/// that run at once; each writes the invoice's whole tracking block from the package rows, so which of them writes
/// Delivered (and whether the other writes the same block again) depends on their interleaving (docs/reliability.md).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FreshBooksUpsQuantumViewTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task QuantumViewConnection_DeliveryReadFromQuantumView_ReachesTheInvoiceExactlyOnce()
    {
        // Arrange
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite);
        await sandbox.RegisterWebhooksAsync();
        var connection = await sandbox.Connections.ChangeAsync(FreshBooksUpsSandbox.ConnectionId, c => c with
        {
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>(c.Settings)
            {
                ["ups"] = new Dictionary<string, string>(c.Settings["ups"]) { [UpsShippingNames.TrackingSourceSetting] = UpsShippingNames.SourceQuantumView },
            },
        });
        var client = sandbox.FreshBooks.AddClient("Hazel Home", "buyer@hazel.example", "21 Oak Ln", "Alpharetta", "GA", "30005", "United States");
        var invoiceId = await sandbox.FreshBooks.CreateInvoiceAsync(client, [("Mugs", 2m, 4m), ("Shipping", 1m, 12m)]);
        await sandbox.WaitForIntakeAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, invoiceId), WorkflowRuntimeStatus.Completed);
        var tracking = Assert.Single(Assert.Single(sandbox.Ups.GetShipments()).TrackingNumbers);
        var pushes = (await sandbox.Ups.AdvanceAsync(tracking)).Concat(await sandbox.Ups.DeliverAsync(tracking)).ToList();
        var sut = sandbox.Host.Services.GetRequiredService<UpsQuantumViewPollJob>();

        // Act
        var started = await sut.PollAsync(connection);
        await WorkflowWait.UntilAsync(() => Task.FromResult(Notes(sandbox, invoiceId).Contains($"{tracking}: Delivered", StringComparison.Ordinal)));
        await WorkflowWait.UntilAsync(async () => (await sandbox.Workflows.ListAsync(connectionId: FreshBooksUpsSandbox.ConnectionId)).All(w => w.RuntimeStatus == WorkflowRuntimeStatus.Completed));
        var again = await sut.PollAsync(connection);

        // Assert: read from Quantum View (pickup and delivery), never pushed; Delivered written into the invoice once.
        Assert.Empty(pushes);
        Assert.Null(sandbox.Ups.GetSubscriptionExpiry(tracking));
        Assert.Equal(2, started);
        Assert.Equal(0, again);
        var delivered = $"{tracking}: Delivered";
        Assert.Equal(1, Notes(sandbox, invoiceId).Split(delivered).Length - 1);
        Assert.DoesNotContain("Pickup Scan", Notes(sandbox, invoiceId), StringComparison.Ordinal);

        // The pickup's and the delivery's write-backs run at once, one at a time on the invoice (the lease; the second
        // hands its status to the first), and each pass PUTs the whole tracking block, so either may carry the Delivered
        // line: count the PUTs that add it. One means it was added once and no older status was written over it afterwards
        // (that would take it off and a later PUT add it again).
        var bodies = sandbox.FreshBooks.Requests
            .Where(r => r.Method == "PUT" && r.Path.Contains($"/invoices/{invoiceId}", StringComparison.Ordinal))
            .Select(r => r.Body ?? string.Empty)
            .ToList();
        var added = bodies.Where((body, i) => body.Contains(delivered, StringComparison.Ordinal) && (i == 0 || !bodies[i - 1].Contains(delivered, StringComparison.Ordinal))).Count();
        Assert.True(added == 1, $"The Delivered line was added by {added} PUTs: {string.Join(" | ", bodies)}");
        var now = TimeProvider.System.GetUtcNow();
        var audit = await sandbox.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(FreshBooksUpsSandbox.ConnectionId, now.AddHours(-1), now.AddHours(1)));
        Assert.Contains(audit, a => a.Operation == "ups.trackalert.subscribe" && a.Outcome == AuditOutcome.Skipped);
        Assert.Contains(audit, a => a.Operation == FreshBooksUpsNames.WriteBackOperation && a.Outcome == AuditOutcome.Succeeded && a.Detail!.Contains("(from quantumview)", StringComparison.Ordinal) && a.Detail.Contains("now shows " + delivered, StringComparison.Ordinal));
    }

    private static string Notes(FreshBooksUpsSandbox sandbox, long invoiceId) => (string?)sandbox.FreshBooks.GetInvoice(invoiceId)["notes"] ?? string.Empty;
}
