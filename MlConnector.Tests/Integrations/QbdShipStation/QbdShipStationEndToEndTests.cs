using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Integrations.QbdShipStation;

/// <summary>
/// ShipStation → QuickBooks Desktop through the whole product: ShipStation webhooks into the real host's intake, the
/// workflows on the Durable Task Framework over Azurite, and QuickBooks answering through real SOAP over loopback from the
/// simulated Web Connector (every qbXML request checked against the 16.0 XSDs).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class QbdShipStationEndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ShippedOrders_AfterALostResponseAndRedeliveredWebhooks_BecomeExactlyOneInvoiceEachByOrderNumber()
    {
        // Arrange: QuickBooks knows the customers and items; three orders arrive, each ORDER_NOTIFY delivered twice.
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        var (shipStation, quickBooks) = (rig.Sandbox.ShipStation, rig.Sandbox.QuickBooks);
        quickBooks.AddCustomer("Ada Lovelace");
        quickBooks.AddCustomer("Grace Hopper");
        quickBooks.AddInventoryItem("WIDGET-1", 10);
        quickBooks.AddInventoryItem("GADGET-2", 5);
        var orders = shipStation.AddOrders(
        [
            QbdShipStationRig.Draft("QS-1001", "Ada Lovelace", ("WIDGET-1", 2, 12.50m)),
            QbdShipStationRig.Draft("QS-1002", "Grace Hopper", ("GADGET-2", 1, 99m)),
            QbdShipStationRig.Draft("QS-1003", "Ada Lovelace", ("WIDGET-1", 1, 12.50m), ("GADGET-2", 1, 99m)),
        ]);
        await shipStation.NotifyOrdersAsync(orders, ShipStationWebhookDelivery.Twice);
        await rig.WaitForIntakeAsync();
        var batch = QbdShipStationKeys.OrderBatchInstance(QbdShipStationRig.ConnectionId, orders.Select(o => o.OrderNumber));
        var check = Assert.Single(await rig.RunUntilFinishedAsync(batch));

        // Act: the orders ship (each SHIP_NOTIFY delivered twice) and the Web Connector loses QuickBooks' answer to the first InvoiceAdd.
        var shipments = orders.Select((o, i) => shipStation.ShipOrder(o.OrderNumber, "ups", "ups_ground", "1Z99900" + i, 8.25m)).ToList();
        quickBooks.LoseResponseTo = "InvoiceAddRq";
        await shipStation.NotifyShipmentsAsync(shipments, ShipStationWebhookDelivery.Twice);
        await rig.WaitForIntakeAsync();
        var posted = await rig.RunUntilFinishedAsync([.. shipments.Select(QbdShipStationRig.ShipmentInstance)]);

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Completed, check.RuntimeStatus);
        Assert.Equal(3, check.ReadOutputAs<QbdOrderCheckResult>()!.Valid.Count);
        Assert.All(posted, p => Assert.Equal(WorkflowRuntimeStatus.Completed, p.RuntimeStatus));
        Assert.All(posted, p => Assert.Equal(QbdShipStationWorkflowOutcomes.Created, p.ReadOutputAs<QbdPostingResult>()!.Outcome));
        Assert.Equal(1, quickBooks.LostResponses);
        var invoices = quickBooks.Invoices.GroupBy(i => i.RefNumber).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["QS-1001"] = 1, ["QS-1002"] = 1, ["QS-1003"] = 1 }, invoices);
        Assert.All(shipments, s => Assert.Equal(s.ShipDateUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), quickBooks.Invoices.Single(i => i.RefNumber == s.OrderNumber).TxnDate));
        Assert.All(shipments, s => Assert.Contains(s.TrackingNumber!, quickBooks.Invoices.Single(i => i.RefNumber == s.OrderNumber).Memo, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OrderWithUnknownItem_IsFlaggedWithWhatIsMissing_AndShippingItCreatesNothing()
    {
        // Arrange: one good order and one whose second item QuickBooks does not know, in one batch.
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        var (shipStation, quickBooks) = (rig.Sandbox.ShipStation, rig.Sandbox.QuickBooks);
        quickBooks.AddCustomer("Ada Lovelace");
        quickBooks.AddInventoryItem("WIDGET-1", 10);
        var orders = shipStation.AddOrders(
        [
            QbdShipStationRig.Draft("QS-2001", "Ada Lovelace", ("WIDGET-1", 1, 12.50m)),
            QbdShipStationRig.Draft("QS-2002", "Ada Lovelace", ("WIDGET-1", 1, 12.50m), ("GRINDER-X", 1, 40m)),
        ]);
        await shipStation.NotifyOrdersAsync(orders);
        await rig.WaitForIntakeAsync();
        var check = Assert.Single(await rig.RunUntilFinishedAsync(QbdShipStationKeys.OrderBatchInstance(QbdShipStationRig.ConnectionId, orders.Select(o => o.OrderNumber))));

        // Act: both ship.
        var shipments = orders.Select((o, i) => shipStation.ShipOrder(o.OrderNumber, "ups", "ups_ground", "1Z88800" + i, 8.25m)).ToList();
        await shipStation.NotifyShipmentsAsync(shipments);
        await rig.WaitForIntakeAsync();
        var posted = (await rig.RunUntilFinishedAsync([.. shipments.Select(QbdShipStationRig.ShipmentInstance)])).ToDictionary(p => p.InstanceId);

        // Assert: the batch went on; the flagged order says what is missing, created nothing, and is in the audit trail.
        var result = check.ReadOutputAs<QbdOrderCheckResult>()!;
        Assert.Equal(["QS-2001"], result.Valid);
        Assert.Equal(["QS-2002"], result.Flagged);
        var flagged = posted[QbdShipStationRig.ShipmentInstance(shipments[1])].ReadOutputAs<QbdPostingResult>()!;
        Assert.Equal(QbdShipStationWorkflowOutcomes.Flagged, flagged.Outcome);
        Assert.Contains("item \"GRINDER-X\"", flagged.Detail, StringComparison.Ordinal);
        Assert.Equal(["QS-2001"], quickBooks.Invoices.Select(i => i.RefNumber));
        var now = TimeProvider.System.GetUtcNow();
        var audit = await rig.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(QbdShipStationRig.ConnectionId, now.AddHours(-1), now.AddHours(1)) { Operation = QbdShipStationNames.OrderFlaggedOperation });
        Assert.Equal("QS-2002", Assert.Single(audit).BusinessKey);
    }

    [Fact]
    public async Task SecondShipmentOfAnInvoicedOrder_WithAStaleEditSequence_IsReReadOnceAndModifiesTheOneInvoice()
    {
        // Arrange: an order shipped and invoiced.
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        var (shipStation, quickBooks) = (rig.Sandbox.ShipStation, rig.Sandbox.QuickBooks);
        quickBooks.AddCustomer("Grace Hopper");
        quickBooks.AddInventoryItem("GADGET-2", 5);
        var order = Assert.Single(shipStation.AddOrders([QbdShipStationRig.Draft("QS-3001", "Grace Hopper", ("GADGET-2", 2, 99m))]));
        var first = shipStation.ShipOrder(order.OrderNumber, "ups", "ups_ground", "1Z7770001", 8.25m);
        await shipStation.NotifyShipmentsAsync([first]);
        await rig.WaitForIntakeAsync();
        await rig.RunUntilFinishedAsync(QbdShipStationRig.ShipmentInstance(first));

        // Act: a second label for the same order; someone edits the invoice in QuickBooks just before our InvoiceMod arrives.
        var second = shipStation.ShipOrder(order.OrderNumber, "fedex", "fedex_ground", "7777000222", 9m);
        quickBooks.EditBeforeNextMod = true;
        await shipStation.NotifyShipmentsAsync([second]);
        await rig.WaitForIntakeAsync();
        var corrected = Assert.Single(await rig.RunUntilFinishedAsync(QbdShipStationRig.ShipmentInstance(second)));

        // Assert: 3200 once, re-read, modified; still one invoice, carrying both shipments.
        Assert.Equal(WorkflowRuntimeStatus.Completed, corrected.RuntimeStatus);
        var result = corrected.ReadOutputAs<QbdPostingResult>()!;
        Assert.Equal(QbdShipStationWorkflowOutcomes.Updated, result.Outcome);
        Assert.Contains("re-reading its EditSequence", result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, quickBooks.StaleEditSequences);
        var invoice = Assert.Single(quickBooks.Invoices);
        Assert.Contains("1Z7770001", invoice.Memo, StringComparison.Ordinal);
        Assert.Contains("7777000222", invoice.Memo, StringComparison.Ordinal);
    }
}
