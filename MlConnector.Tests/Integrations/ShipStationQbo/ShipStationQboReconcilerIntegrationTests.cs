using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Cli.Demo;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.ShipStationQbo;

/// <summary>
/// ShipStation → QBO reconciliation on the demo sandbox: the standalone host on real Azurite, its workflows on the Durable
/// Task Framework, and the ShipStation simulator over loopback HTTP, whose request log counts what a pass costs.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ShipStationQboReconcilerIntegrationTests
{
    private static readonly string[] ListPaths = ["/orders", "/shipments", "/fulfillments"];

    [Fact]
    public async Task ReconcileAsync_EightyUnannouncedShippedOrders_ReadsPagesNotOrdersAndDispatchesEachOnce()
    {
        // Arrange: 80 orders placed and shipped in ShipStation with no webhook delivered.
        await using var sandbox = await StartAsync();
        var simulator = sandbox.ShipStation;
        var numbers = Enumerable.Range(40001, 80).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        simulator.AddOrders(numbers.Select(Draft));
        var labels = numbers.Select((n, i) => simulator.ShipOrder(n, "ups", "ups_ground", "1Z" + n, 7.5m + i)).ToList();
        var sut = sandbox.Host.Services.GetRequiredService<ShipStationQboReconciler>();
        var before = simulator.GetRequests().Count;

        // Act
        var first = await sut.ReconcileAsync(DemoSandbox.ConnectionId);
        var requests = ListRequests(simulator, before);
        var workflows = sandbox.Host.Services.GetRequiredService<IWorkflowClient>();
        foreach (var chunk in numbers.Chunk(ShipStationQboOrderBatchSync.MaxChunkSize))
        {
            Assert.Equal(WorkflowRuntimeStatus.Completed, (await WorkflowWait.ForAsync(workflows, ShipStationQboKeys.OrderChunkInstance(DemoSandbox.ConnectionId, chunk))).RuntimeStatus);
        }

        var labelRefs = labels.Select(l => new ShipmentSnapshotRef(DemoSandbox.ConnectionId, l.OrderNumber, l.ShipmentId)).ToList();
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await WorkflowWait.ForAsync(workflows, ShipStationQboKeys.ShipmentChunkInstance(DemoSandbox.ConnectionId, labelRefs))).RuntimeStatus);
        var second = await sut.ReconcileAsync(DemoSandbox.ConnectionId);

        // Assert: one page of orders, of shipments and of fulfillments; no look-up per order.
        Assert.InRange(requests.Count, 1, 4);
        Assert.DoesNotContain(requests, r => r.Query.Contains("orderNumber=", StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Contains("pageSize=500", r.Query, StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Path == "/shipments" && r.Query.Contains("createDateStart=", StringComparison.Ordinal));
        Assert.Equal(new DispatchResult(80, 80, 0, 0), first.Orders);
        Assert.Equal(new DispatchResult(80, 80, 0, 0), first.Shipments);
        Assert.Equal(0, first.OrdersLookedUpOneByOne);
        Assert.Equal(new DispatchResult(80, 0, 80, 0), second.Orders);
        Assert.Equal(new DispatchResult(80, 0, 80, 0), second.Shipments);

        // The page of 80 orders went to QBO's batch path in chunks of 30 and the 80 labels to one shipment chunk (awaited
        // above), which found the invoices in flight and waited for them: every label applied by the chunk, none handed
        // to a per-shipment workflow.
        Assert.Equal(80, sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").Select(i => (string?)i["DocNumber"]).Distinct().Count());
        var ledger = sandbox.Host.Services.GetRequiredService<IIdempotencyLedger>();
        foreach (var label in labels)
        {
            Assert.Equal(LedgerStatus.Succeeded, (await ledger.GetAsync(ShipStationQboKeys.ShipmentApply(DemoSandbox.ConnectionId, label.ShipmentId)))?.Status);
            Assert.Null(await workflows.GetStatusAsync(ShipStationQboKeys.ShipmentInstance(DemoSandbox.ConnectionId, label.ShipmentId)));
        }

        var newest = numbers.Max(n => simulator.FindOrder(n)!.ModifyDateUtc);
        Assert.Equal(newest, first.WatermarkUtc);
        Assert.Equal(newest, await ReadWatermarkAsync(sandbox));
    }

    [Fact]
    public async Task ReconcileAsync_VoidedLabelThenFulfilled_DispatchesTheFulfillmentAndSkipsTheVoidedLabel()
    {
        // Arrange: 50001's label is voided and a 3PL ships it; 50002 is shipped with a label. No webhooks.
        await using var sandbox = await StartAsync();
        var simulator = sandbox.ShipStation;
        simulator.AddOrders([Draft("50001"), Draft("50002")]);
        var voided = simulator.VoidShipment(simulator.ShipOrder("50001", "ups", "ups_ground", "1ZVOID", 6m).ShipmentId);
        var fulfillment = simulator.FulfillOrder("50001", "FedEx", "664756278745", "Acme 3PL");
        var label = simulator.ShipOrder("50002", "ups", "ups_ground", "1ZLIVE", 6m);
        var sut = sandbox.Host.Services.GetRequiredService<ShipStationQboReconciler>();
        var before = simulator.GetRequests().Count;

        // Act
        var result = await sut.ReconcileAsync(DemoSandbox.ConnectionId);

        // Assert: two labels (one voided, skipped) and one fulfillment found by range, nothing looked up per order.
        Assert.Equal(new DispatchResult(3, 2, 0, 1), result.Shipments);
        Assert.Equal(0, result.OrdersLookedUpOneByOne);
        Assert.InRange(ListRequests(simulator, before).Count, 1, 4);
        var workflows = sandbox.Host.Services.GetRequiredService<IWorkflowClient>();
        Assert.NotNull(await workflows.GetStatusAsync(ShipStationQboKeys.FulfillmentInstance(DemoSandbox.ConnectionId, fulfillment.FulfillmentId)));
        Assert.NotNull(await workflows.GetStatusAsync(ShipStationQboKeys.ShipmentInstance(DemoSandbox.ConnectionId, label.ShipmentId)));
        Assert.Null(await workflows.GetStatusAsync(ShipStationQboKeys.ShipmentInstance(DemoSandbox.ConnectionId, voided.ShipmentId)));
    }

    [Fact]
    public async Task ReconcileAsync_WhileAnotherPassHoldsTheLease_SkipsWithoutLookingAnythingUpAndRunsOnceItLapses()
    {
        // Arrange: three unannounced shipped orders; another process's pass holds the connection's lease.
        await using var sandbox = await StartAsync();
        var simulator = sandbox.ShipStation;
        simulator.AddOrders([Draft("70001"), Draft("70002"), Draft("70003")]);
        simulator.ShipOrder("70002", "ups", "ups_ground", "1Z70002", 6m);
        var services = sandbox.Host.Services;
        var tables = services.GetRequiredService<TableProvider>();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var sut = ActivatorUtilities.CreateInstance<ShipStationQboReconciler>(services, (TimeProvider)time);
        var held = await ConnectionLease.TryAcquireAsync(tables, DemoSandbox.ConnectionId, ShipStationQboReconciler.LeaseRowKey, "other-host/42", time.GetUtcNow(), ShipStationQboReconciler.LeaseDuration);
        Assert.NotNull(held);
        var before = simulator.GetRequests().Count;

        // Act: a pass while the other runs; then the other process dies and its lease lapses.
        var skipped = await sut.ReconcileAsync(DemoSandbox.ConnectionId);
        var requestsWhileHeld = ListRequests(simulator, before).Count;
        var watermarkWhileHeld = await ReadWatermarkAsync(sandbox);
        time.Advance(ShipStationQboReconciler.LeaseDuration + TimeSpan.FromSeconds(1));
        var ran = await sut.ReconcileAsync(DemoSandbox.ConnectionId);
        var again = await sut.ReconcileAsync(DemoSandbox.ConnectionId);

        // Assert
        Assert.True(skipped.Skipped);
        Assert.Equal(0, requestsWhileHeld);
        Assert.Null(watermarkWhileHeld);
        Assert.False(ran.Skipped);
        Assert.Equal(new DispatchResult(3, 3, 0, 0), ran.Orders);
        Assert.Equal(new DispatchResult(1, 1, 0, 0), ran.Shipments);
        Assert.False(again.Skipped);
        Assert.Equal(ran.WatermarkUtc, await ReadWatermarkAsync(sandbox));
        var now = TimeProvider.System.GetUtcNow();
        var audit = await services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(DemoSandbox.ConnectionId, now.AddHours(-1), now.AddHours(1)) { Operation = ShipStationQboReconciler.ReconcileOperation });
        Assert.Contains(audit, r => r.Outcome == AuditOutcome.Skipped && r.Detail!.Contains("other-host/42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReconcileAsync_ShipStationFailsMidPass_WatermarkStaysLeaseIsFreedAndTheNextPassDispatches()
    {
        // Arrange: two unannounced shipped orders; ShipStation rejects the next request.
        await using var sandbox = await StartAsync();
        var simulator = sandbox.ShipStation;
        simulator.AddOrders([Draft("80001"), Draft("80002")]);
        simulator.ShipOrder("80001", "ups", "ups_ground", "1Z80001", 6m);
        var sut = sandbox.Host.Services.GetRequiredService<ShipStationQboReconciler>();
        simulator.FailNextRequests(HttpStatusCode.BadRequest);

        // Act
        var failure = await Record.ExceptionAsync(() => sut.ReconcileAsync(DemoSandbox.ConnectionId));
        var watermarkAfterFailure = await ReadWatermarkAsync(sandbox);
        var retry = await sut.ReconcileAsync(DemoSandbox.ConnectionId);

        // Assert
        Assert.NotNull(failure);
        Assert.Null(watermarkAfterFailure);
        Assert.False(retry.Skipped);
        Assert.Equal(2, retry.Orders.Started);
        Assert.Equal(1, retry.Shipments.Started);
        Assert.Equal(retry.WatermarkUtc, await ReadWatermarkAsync(sandbox));
    }

    private static Task<DemoSandbox> StartAsync() =>
        DemoSandbox.StartAsync(_ => { }, CancellationToken.None, builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                // No scheduled pass may run beside the test's own (Jan 1st, midnight only).
                ["Schedules:ShipStationQboReconcile"] = "0 0 0 1 1 *",
            }));

    private static List<ShipStationSimulatorRequest> ListRequests(ShipStationSimulator simulator, int skip) =>
        [.. simulator.GetRequests().Skip(skip).Where(r => ListPaths.Contains(r.Path, StringComparer.Ordinal))];

    private static async Task<DateTimeOffset?> ReadWatermarkAsync(DemoSandbox sandbox) =>
        (await ConnectionWatermark.ReadAsync(sandbox.Host.Services.GetRequiredService<TableProvider>(), DemoSandbox.ConnectionId, ShipStationQboReconciler.WatermarkRowKey)).WatermarkUtc;

    private static ShipStationOrderDraft Draft(string orderNumber) => new(orderNumber)
    {
        CustomerEmail = $"buyer{orderNumber}@example.com",
        CustomerName = "Buyer " + orderNumber,
        Items = [new ShipStationOrderItem("MUG-12-WHT", "Mug", 1, 20m)],
        ShippingAmount = 5m,
        RequestedShippingService = "UPS Ground",
    };
}
