using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QbdShipStation;

/// <summary>
/// Orders ShipStation changes after they were recorded in QuickBooks Desktop, and the journal-entry posting mode, through
/// the whole product: ShipStation webhooks into the real host's intake, the workflows on the Durable Task Framework over
/// Azurite, and QuickBooks answering through real SOAP over loopback from the simulated Web Connector (every qbXML request,
/// InvoiceMod with lines, JournalEntryMod and TxnVoid included, checked against the 16.0 XSDs).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class QbdOrderChangeEndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CorrectedOrder_AfterInvoicing_ModifiesTheOneInvoice()
    {
        // Arrange: an order of 2 × 12.50 shipped and invoiced.
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        var (shipStation, quickBooks) = (rig.Sandbox.ShipStation, rig.Sandbox.QuickBooks);
        var (_, invoice) = await ShipAndPostAsync(rig, "QS-6001");

        // Act: the merchant corrects the quantity to 3 in ShipStation; ORDER_NOTIFY is delivered twice.
        var corrected = shipStation.CorrectOrderItem("QS-6001", "WIDGET-1", 3, 12.50m);
        await shipStation.NotifyOrdersAsync([corrected], ShipStationWebhookDelivery.Twice);
        await rig.WaitForIntakeAsync();
        var saved = await rig.Host.Services.GetRequiredService<QbdOrderStore>().GetAsync(QbdShipStationRig.ConnectionId, "QS-6001");
        var change = Assert.Single(await rig.RunUntilFinishedAsync(QbdShipStationKeys.OrderChangeInstance(QbdShipStationRig.ConnectionId, "QS-6001", QbdShipStationKeys.OrderRevision(saved!))));

        // Assert: one InvoiceMod on the same invoice; still one transaction with that RefNumber, now 37.50.
        Assert.Equal(WorkflowRuntimeStatus.Completed, change.RuntimeStatus);
        var result = change.ReadOutputAs<QbdPostingResult>()!;
        Assert.Equal(QbdShipStationWorkflowOutcomes.Updated, result.Outcome);
        Assert.Equal(invoice.TxnId, result.TxnId);
        var after = Assert.Single(quickBooks.Invoices, i => i.RefNumber == "QS-6001");
        Assert.Equal(invoice.TxnId, after.TxnId);
        Assert.NotEqual(invoice.EditSequence, after.EditSequence);
        Assert.Equal(37.50m, quickBooks.AmountOf("QS-6001"));
        Assert.Contains("corrected", after.Memo, StringComparison.Ordinal);
        Assert.Empty(quickBooks.JournalEntries);
    }

    [Fact]
    public async Task CancelledOrder_AfterInvoicing_VoidsTheInvoice_AndAReplayedCancellationDoesNothingTwice()
    {
        // Arrange: an order shipped and invoiced.
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        var (shipStation, quickBooks) = (rig.Sandbox.ShipStation, rig.Sandbox.QuickBooks);
        var (_, invoice) = await ShipAndPostAsync(rig, "QS-7001");
        var instance = QbdShipStationKeys.OrderChangeInstance(QbdShipStationRig.ConnectionId, "QS-7001", QbdShipStationDispatcher.CancelledRevision);

        // Act 1: the order is cancelled in ShipStation (ORDER_NOTIFY delivered twice).
        var cancelled = shipStation.CancelOrder("QS-7001");
        await shipStation.NotifyOrdersAsync([cancelled], ShipStationWebhookDelivery.Twice);
        await rig.WaitForIntakeAsync();
        var voided = Assert.Single(await rig.RunUntilFinishedAsync(instance));

        // Act 2: the cancellation comes again later (a new notification, e.g. the modifyDate poll or a re-sent webhook).
        var again = await shipStation.NotifyOrdersAsync([cancelled]);
        await rig.WaitForIntakeAsync();
        var replay = await WorkflowWait.ForAsync(rig.Workflows, NotificationInstance(again[0]));
        await rig.Sandbox.RunWebConnectorAsync(CancellationToken.None);

        // Assert: one TxnVoid; the invoice stays (same TxnID and RefNumber) with a zero amount; the replay was a duplicate.
        Assert.Equal(QbdShipStationWorkflowOutcomes.Voided, voided.ReadOutputAs<QbdPostingResult>()!.Outcome);
        Assert.Equal(invoice.TxnId, voided.ReadOutputAs<QbdPostingResult>()!.TxnId);
        Assert.Equal(1, quickBooks.Voids);
        Assert.Equal(invoice.TxnId, Assert.Single(quickBooks.Invoices, i => i.RefNumber == "QS-7001").TxnId);
        Assert.Equal(0m, quickBooks.AmountOf("QS-7001"));
        Assert.Equal(WorkflowRuntimeStatus.Completed, replay.RuntimeStatus);
        var dispatch = replay.ReadOutputAs<QbdDispatchResult>()!;
        Assert.Equal(1, dispatch.Duplicates);
        Assert.Equal(0, dispatch.Started);
        Assert.Equal(voided.LastUpdatedUtc, (await rig.Workflows.GetStatusAsync(instance))!.LastUpdatedUtc);
    }

    [Fact]
    public async Task JournalEntryMode_ShippedOrder_IsOneJournalEntryByOrderNumberOnTheShipDate_EvenAfterALostResponse_AndACancellationVoidsIt()
    {
        // Arrange: the connection posts journal entries; QuickBooks' answer to the JournalEntryAdd is lost.
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        var (shipStation, quickBooks) = (rig.Sandbox.ShipStation, rig.Sandbox.QuickBooks);
        await rig.Host.Services.GetRequiredService<IConnectionStore>().ChangeAsync(QbdShipStationRig.ConnectionId, c => c with
        {
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>(c.Settings)
            {
                [QbdShipStationNames.Qbd] = new Dictionary<string, string>(c.Settings[QbdShipStationNames.Qbd]) { [QbdShipStationNames.PostingSetting] = QbdShipStationNames.PostingJournal },
            },
        });
        quickBooks.LoseResponseTo = "JournalEntryAddRq";

        // Act: the order ships; then it is cancelled.
        var (shipment, _) = await ShipAndPostAsync(rig, "QS-8001", journal: true);
        await shipStation.NotifyOrdersAsync([shipStation.CancelOrder("QS-8001")]);
        await rig.WaitForIntakeAsync();
        var voided = Assert.Single(await rig.RunUntilFinishedAsync(QbdShipStationKeys.OrderChangeInstance(QbdShipStationRig.ConnectionId, "QS-8001", QbdShipStationDispatcher.CancelledRevision)));

        // Assert: the lost answer was re-queried, not re-added: one journal entry, RefNumber = order number, dated on the ship date.
        Assert.Equal(1, quickBooks.LostResponses);
        var entry = Assert.Single(quickBooks.JournalEntries);
        Assert.Equal("QS-8001", entry.RefNumber);
        Assert.Equal(shipment.ShipDateUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), entry.TxnDate);
        Assert.Empty(quickBooks.Invoices);
        Assert.Equal(QbdShipStationWorkflowOutcomes.Voided, voided.ReadOutputAs<QbdPostingResult>()!.Outcome);
        Assert.Equal(entry.TxnId, voided.ReadOutputAs<QbdPostingResult>()!.TxnId);
        Assert.Equal(0m, quickBooks.AmountOf("QS-8001"));
    }

    /// <summary>One order of 2 × WIDGET-1 at 12.50 for Ada Lovelace, shipped and recorded in QuickBooks.</summary>
    private static async Task<(ShipStationShipment Shipment, (string TxnId, string RefNumber, string Customer, string TxnDate, string EditSequence, string Memo) Invoice)> ShipAndPostAsync(QbdShipStationRig rig, string orderNumber, bool journal = false)
    {
        var (shipStation, quickBooks) = (rig.Sandbox.ShipStation, rig.Sandbox.QuickBooks);
        quickBooks.AddCustomer("Ada Lovelace");
        quickBooks.AddInventoryItem("WIDGET-1", 10);
        var order = Assert.Single(shipStation.AddOrders([QbdShipStationRig.Draft(orderNumber, "Ada Lovelace", ("WIDGET-1", 2, 12.50m))]));
        var shipment = shipStation.ShipOrder(order.OrderNumber, "ups", "ups_ground", "1Z" + orderNumber, 8.25m);
        await shipStation.NotifyShipmentsAsync([shipment]);
        await rig.WaitForIntakeAsync();
        var posted = Assert.Single(await rig.RunUntilFinishedAsync(QbdShipStationRig.ShipmentInstance(shipment)));
        Assert.Equal(WorkflowRuntimeStatus.Completed, posted.RuntimeStatus);
        Assert.Equal(QbdShipStationWorkflowOutcomes.Created, posted.ReadOutputAs<QbdPostingResult>()!.Outcome);
        if (journal)
        {
            return (shipment, default);
        }

        Assert.Equal(25.00m, quickBooks.AmountOf(orderNumber));
        return (shipment, Assert.Single(quickBooks.Invoices, i => i.RefNumber == orderNumber));
    }

    private static string NotificationInstance(ShipStationWebhookDeliveryResult delivery)
    {
        using var body = JsonDocument.Parse(delivery.Body);
        return QbdShipStationKeys.NotificationInstance(QbdShipStationRig.ConnectionId, body.RootElement.GetProperty("resource_type").GetString()!, new Uri(body.RootElement.GetProperty("resource_url").GetString()!));
    }
}
