using Microsoft.DurableTask.Client;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Core.Integrations.QboSps.Activities;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.QboUps.Activities;
using MlConnector.Core.Integrations.QboUps.Workflows;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Orchestrations;
using MlConnector.Functions.Workflows;
using MlConnector.Tests.Connectors.Ups;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>
/// Every orchestrator function of the app, started through <see cref="DurableWorkflowClient"/> and run by the real
/// Durable engine with scripted activities: the activity chain, the data each step hands the next, the output and
/// the custom status that names the business record.
/// </summary>
[Collection(DurableEngineCollection.Name)]
public class OrchestratorsOnEngineTests(DurableEngineFixture engine)
{
    private static readonly string[] Covered =
    [
        nameof(QboPurchaseOrderToUpsShipmentOrchestrator),
        nameof(FreshBooksInvoiceToUpsShipmentOrchestrator),
        nameof(UpsTrackingToFreshBooksInvoiceOrchestrator),
        nameof(ShipStationNotificationOrchestrator),
        nameof(ShipStationOrderChunkToQboOrchestrator),
        nameof(ShipStationOrderToQboInvoiceOrchestrator),
        nameof(ShipStationQboBackfillOrchestrator),
        nameof(ShipStationShipmentChunkToQboOrchestrator),
        nameof(ShipStationShipmentToQboInvoiceOrchestrator),
        nameof(UpsTrackingToQboBillOrchestrator),
        nameof(SpsOrderToQboOrchestrator),
        nameof(QboInvoiceToSpsOrchestrator),
        nameof(QboShipNoticeToSpsOrchestrator),
        nameof(SpsPartnerRejectionOrchestrator),
        nameof(QbdInventoryReconcileOrchestrator),
        nameof(QbdOrderValidationOrchestrator),
        nameof(QbdShipStationNotificationOrchestrator),
        nameof(QbdShipmentToQbdOrchestrator),
        nameof(QbdOrderChangeOrchestrator),
    ];

    [Fact]
    public void Orchestrators_OfTheApp_AreEachRunOnTheEngineHere()
    {
        // Act
        var names = DurableEngineFixture.Orchestrators().Select(o => o.Name).Order(StringComparer.Ordinal);

        // Assert: a new orchestrator needs its engine test below.
        Assert.Equal(Covered.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task QboPurchaseOrderToUpsShipment_AllStepsSucceed_ChainsTheirOutputsAndCompletes()
    {
        // Arrange
        var input = new PurchaseOrderRef("acme-ups", "engine-501");
        var id = QboUpsKeys.PurchaseOrderInstance(input.ConnectionId, input.PurchaseOrderId);
        var plan = new ShipmentPlan(input.ConnectionId, input.PurchaseOrderId, "PO-501", UpsHarness.NewShipment());
        var rated = new RatedPlan(plan, new UpsRateQuote("03", 18.42m, "USD"));
        var shipment = new ShipmentCreated("1ZENGINE501", ["1ZENGINE5010001"], 18.42m, "USD", Created: true);
        engine.Script
            .Returns(id, nameof(QboReadPurchaseOrderActivity), new PlanResult(plan, null))
            .Returns(id, nameof(UpsValidateAddressActivity), new UpsAddressValidation(UpsAddressClassification.Valid, []))
            .Returns(id, nameof(UpsRateShipmentActivity), rated)
            .Returns(id, nameof(UpsCreateShipmentActivity), shipment)
            .Returns(id, nameof(QboPostShipmentCostActivity), new CostPostingResult("Bill", "212", Created: true))
            .Returns(id, nameof(UpsSubscribeTrackAlertActivity), new TrackAlertResult(1, 0, null));

        // Act
        var output = await RunAsync(nameof(QboPurchaseOrderToUpsShipmentWorkflow), id, input);

        // Assert
        Assert.Equal("1ZENGINE501", output.GetProperty("shipmentIdentificationNumber").GetString());
        Assert.Equal("212", output.GetProperty("costEntityId").GetString());
        Assert.Equal(Json(rated), Single(id, nameof(UpsCreateShipmentActivity)).InputJson);
        Assert.Equal(Json(new CostPostingRequest(rated, shipment)), Single(id, nameof(QboPostShipmentCostActivity)).InputJson);
        Assert.Equal(Json(new TrackAlertRequest(input.ConnectionId, shipment.TrackingNumbers)), Single(id, nameof(UpsSubscribeTrackAlertActivity)).InputJson);
        Assert.Equal([1, 2, 3, 4, 5, 6], new[]
        {
            nameof(QboReadPurchaseOrderActivity), nameof(UpsValidateAddressActivity), nameof(UpsRateShipmentActivity),
            nameof(UpsCreateShipmentActivity), nameof(QboPostShipmentCostActivity), nameof(UpsSubscribeTrackAlertActivity),
        }.Select(a => Single(id, a).TaskId));
        await AssertDoneStatusAsync(id, "purchaseOrderId", "engine-501");
    }

    [Fact]
    public async Task QboPurchaseOrderToUpsShipment_AddressInvalid_FailsAsValidationBeforeRatingAndKeepsTheRecordInItsStatus()
    {
        // Arrange
        var input = new PurchaseOrderRef("acme-ups", "engine-502");
        var id = QboUpsKeys.PurchaseOrderInstance(input.ConnectionId, input.PurchaseOrderId);
        var plan = new ShipmentPlan(input.ConnectionId, input.PurchaseOrderId, "PO-502", UpsHarness.NewShipment());
        engine.Script
            .Returns(id, nameof(QboReadPurchaseOrderActivity), new PlanResult(plan, null))
            .Throws(id, nameof(UpsValidateAddressActivity), new ConnectorValidationException("ups", "UPS found no candidate for the ship-to address."));

        // Act
        await engine.Workflows.StartAsync(nameof(QboPurchaseOrderToUpsShipmentWorkflow), id, input);
        var metadata = await engine.WaitForCompletionAsync(id);
        var status = await engine.Workflows.GetStatusAsync(id);

        // Assert: one attempt (a data error is not retried), nothing rated, and the failure keeps its kind.
        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(WorkflowRuntimeStatus.Failed, status!.RuntimeStatus);
        Assert.Equal(ErrorKind.Validation, status.Failure!.Kind);
        Assert.Contains("no candidate for the ship-to address", status.Failure.Message, StringComparison.Ordinal);
        Assert.Single(engine.Script.Attempts(id, nameof(UpsValidateAddressActivity)));
        Assert.Empty(engine.Script.Attempts(id, nameof(UpsRateShipmentActivity)));
        using var custom = JsonDocument.Parse(status.SerializedCustomStatus!);
        Assert.Equal("address", custom.RootElement.GetProperty("step").GetString());
        Assert.Equal("engine-502", custom.RootElement.GetProperty("purchaseOrderId").GetString());
    }

    [Fact]
    public async Task ShipStationNotification_FetchSucceeds_ReturnsTheDispatchCounts()
    {
        // Arrange
        var input = new NotificationInput("acme-store", "ORDER_NOTIFY", new Uri("https://ssapi.example.test/orders?importBatch=engine-1"));
        var id = ShipStationQboKeys.NotificationInstance(input.ConnectionId, input.ResourceType, input.ResourceUrl);
        engine.Script.Returns(id, nameof(ShipStationFetchNotificationActivity), new DispatchResult(3, 2, 1, 0));

        // Act
        var output = await RunAsync(nameof(ShipStationNotificationWorkflow), id, input);

        // Assert
        Assert.Equal("""{"found":3,"started":2,"duplicates":1,"skipped":0}""", output.GetRawText());
        Assert.Equal(Json(input), Single(id, nameof(ShipStationFetchNotificationActivity)).InputJson);
    }

    [Fact]
    public async Task ShipStationOrderToQboInvoice_ValidOrder_CreatesTheInvoiceForTheEnsuredCustomer()
    {
        // Arrange
        var input = new OrderSnapshotRef("acme-store", "engine-1001", 77001);
        var id = ShipStationQboKeys.OrderInstance(input.ConnectionId, input.OrderNumber);
        engine.Script
            .Returns(id, nameof(QboCheckOrderActivity), new OrderCheck(null))
            .Returns(id, nameof(QboEnsureCustomerActivity), "58")
            .Returns(id, nameof(QboCreateInvoiceActivity), new InvoiceResult("145", Created: true));

        // Act
        var output = await RunAsync(nameof(ShipStationOrderToQboInvoiceWorkflow), id, input);

        // Assert
        Assert.Equal("""{"orderNumber":"engine-1001","customerId":"58","invoiceId":"145","invoiceCreated":true,"skippedReason":null}""", output.GetRawText());
        Assert.Equal(Json(new InvoiceRequest(input, "58")), Single(id, nameof(QboCreateInvoiceActivity)).InputJson);
        await AssertDoneStatusAsync(id, "orderNumber", "engine-1001");
    }

    [Fact]
    public async Task ShipStationShipmentToQboInvoice_InvoiceExists_AppliesTheShipment()
    {
        // Arrange
        var input = new ShipmentSnapshotRef("acme-store", "engine-1002", 88002);
        var id = ShipStationQboKeys.ShipmentInstance(input.ConnectionId, input.ShipmentId);
        engine.Script.Returns(id, nameof(QboApplyShipmentActivity), new ShipmentSyncResult("engine-1002", 88002, "146", Updated: true));

        // Act
        var output = await RunAsync(nameof(ShipStationShipmentToQboInvoiceWorkflow), id, input);

        // Assert
        Assert.Equal("""{"orderNumber":"engine-1002","shipmentId":88002,"invoiceId":"146","updated":true}""", output.GetRawText());
        Assert.Equal(Json(input), Single(id, nameof(QboApplyShipmentActivity)).InputJson);
        await AssertDoneStatusAsync(id, "orderNumber", "engine-1002");
    }

    [Fact]
    public async Task ShipStationShipmentChunkToQbo_ChunkWithAHandedOffShipment_CompletesWithTheChunkResult()
    {
        // Arrange
        var input = new ShipmentChunk("acme-store", [new ShipmentSnapshotRef("acme-store", "engine-3001", 98001), new ShipmentSnapshotRef("acme-store", "engine-3002", 98002, ShipmentSource.Fulfillment)]);
        var id = ShipStationQboKeys.ShipmentChunkInstance(input.ConnectionId, input.Shipments);
        engine.Script.Returns(id, nameof(QboApplyShipmentChunkActivity), new ShipmentChunkResult(2, 1, 0, 0, ["engine-3002/98002"]));

        // Act
        var output = await RunAsync(nameof(ShipStationShipmentChunkToQboWorkflow), id, input);

        // Assert
        Assert.Equal(1, output.GetProperty("applied").GetInt32());
        Assert.Equal("engine-3002/98002", output.GetProperty("handedOff")[0].GetString());
        Assert.Equal(Json(input with { WaitForInvoices = true }), Single(id, nameof(QboApplyShipmentChunkActivity)).InputJson);
        var status = await engine.Workflows.GetStatusAsync(id);
        using var custom = JsonDocument.Parse(status!.SerializedCustomStatus!);
        Assert.Equal("done", custom.RootElement.GetProperty("step").GetString());
        Assert.Equal(1, custom.RootElement.GetProperty("handedOff").GetInt32());
    }

    [Fact]
    public async Task ShipStationShipmentChunkToQbo_AShipmentsInvoiceInFlight_WaitsAndAppliesItInASecondBatch()
    {
        // Arrange: the first batch finds no invoice for engine-3102 yet; after the wait its invoice exists.
        var waiting = new ShipmentSnapshotRef("acme-store", "engine-3102", 98102);
        var input = new ShipmentChunk("acme-store", [new ShipmentSnapshotRef("acme-store", "engine-3101", 98101), waiting]);
        var id = ShipStationQboKeys.ShipmentChunkInstance(input.ConnectionId, input.Shipments);
        engine.Script
            .Returns(id, nameof(QboApplyShipmentChunkActivity), new ShipmentChunkResult(2, 1, 0, 0, [], [waiting]))
            .Returns(id, nameof(QboApplyShipmentChunkActivity), new ShipmentChunkResult(1, 1, 0, 0, [], []));

        // Act
        var output = await RunAsync(nameof(ShipStationShipmentChunkToQboWorkflow), id, input);

        // Assert: both applied by the chunk, none handed to a per-shipment workflow; the second batch held only the waiting one.
        Assert.Equal((2, 2, 0), (output.GetProperty("shipments").GetInt32(), output.GetProperty("applied").GetInt32(), output.GetProperty("handedOff").GetArrayLength()));
        var attempts = engine.Script.Attempts(id, nameof(QboApplyShipmentChunkActivity));
        Assert.Equal([Json(input with { WaitForInvoices = true }), Json(new ShipmentChunk("acme-store", [waiting], WaitForInvoices: true))], attempts.Select(a => a.InputJson));
    }

    [Fact]
    public async Task ShipStationOrderChunkToQbo_ChunkWithAFailedOrder_CompletesWithTheChunkResult()
    {
        // Arrange
        var input = new OrderChunk("acme-store", [new OrderSnapshotRef("acme-store", "engine-2001", 99001), new OrderSnapshotRef("acme-store", "engine-2002", 99002)]);
        var id = ShipStationQboKeys.OrderChunkInstance(input.ConnectionId, input.Orders.Select(o => o.OrderNumber));
        engine.Script.Returns(id, nameof(QboSyncOrderChunkActivity), new OrderChunkResult(2, 1, 0, 0, 0, ["engine-2002"]));

        // Act
        var output = await RunAsync(nameof(ShipStationOrderChunkToQboWorkflow), id, input);

        // Assert
        Assert.Equal(1, output.GetProperty("created").GetInt32());
        Assert.Equal("engine-2002", output.GetProperty("failedOrders")[0].GetString());
        Assert.Equal(Json(input), Single(id, nameof(QboSyncOrderChunkActivity)).InputJson);
        var status = await engine.Workflows.GetStatusAsync(id);
        using var custom = JsonDocument.Parse(status!.SerializedCustomStatus!);
        Assert.Equal("done", custom.RootElement.GetProperty("step").GetString());
        Assert.Equal(1, custom.RootElement.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task ShipStationQboBackfill_MorePagesThanOneRunTakes_ContinuesAsNewWithItsCursorAndReadsEveryPageOnce()
    {
        // Arrange: 25 pages of 500 orders, nothing done yet; a run takes 10 pages, so the instance runs three times.
        var since = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var input = new BackfillInput("acme-history", since, 500);
        var id = ShipStationQboKeys.BackfillInstance(input.ConnectionId, since);
        const int Pages = 25;
        foreach (var page in Enumerable.Range(0, Pages + 1))
        {
            engine.Script.Returns(id, nameof(ShipStationBackfillPageActivity), new BackfillProgress("acme-history", since, 500, page, Pages, page * 500, page * 500, 0, 0, page == Pages, since));
        }

        // Act
        var output = await RunAsync(nameof(ShipStationQboBackfillWorkflow), id, input);

        // Assert: page 0 (the stored progress) and then every page exactly once, in order, so every order once.
        var attempts = engine.Script.Attempts(id, nameof(ShipStationBackfillPageActivity));
        Assert.Equal(Enumerable.Range(0, Pages + 1), attempts.Select(a => JsonDocument.Parse(a.InputJson!).RootElement.GetProperty("page").GetInt32()));
        Assert.Equal((Pages, Pages * 500, true), (output.GetProperty("pagesDone").GetInt32(), output.GetProperty("orders").GetInt32(), output.GetProperty("completed").GetBoolean()));

        // Each run starts a fresh history: the task ids restart after pages 10 and 20, and the last run is the second continuation.
        int[] taskIds = [.. Enumerable.Range(1, 11), .. Enumerable.Range(1, 10), .. Enumerable.Range(1, 5)];
        Assert.Equal(taskIds, attempts.Select(a => a.TaskId));
        var status = await engine.Workflows.GetStatusAsync(id);
        using var custom = JsonDocument.Parse(status!.SerializedCustomStatus!);
        Assert.Equal(("done", 2), (custom.RootElement.GetProperty("step").GetString(), custom.RootElement.GetProperty("continued").GetInt32()));
    }

    [Fact]
    public async Task ShipStationQboBackfill_TwoPagesAfterTheStoredProgress_RunsPageByPageUntilCompleted()
    {
        // Arrange: the stored progress says page 1 of 3 is done.
        var since = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var input = new BackfillInput("acme-store", since, 500);
        var id = ShipStationQboKeys.BackfillInstance(input.ConnectionId, since);
        BackfillProgress After(int page) => new("acme-store", since, 500, page, 3, page * 500, page * 500, 0, 0, page == 3, since);
        engine.Script
            .Returns(id, nameof(ShipStationBackfillPageActivity), After(1))
            .Returns(id, nameof(ShipStationBackfillPageActivity), After(2))
            .Returns(id, nameof(ShipStationBackfillPageActivity), After(3));

        // Act
        var output = await RunAsync(nameof(ShipStationQboBackfillWorkflow), id, input);

        // Assert: page 0 reads the progress, then pages 2 and 3 run.
        Assert.Equal(3, output.GetProperty("pagesDone").GetInt32());
        Assert.Equal([0, 2, 3], engine.Script.Attempts(id, nameof(ShipStationBackfillPageActivity)).Select(a => JsonDocument.Parse(a.InputJson!).RootElement.GetProperty("page").GetInt32()));
    }

    [Fact]
    public async Task UpsTrackingToQboBill_DeliveredStatus_AppliesItAndNamesTheTrackingNumber()
    {
        // Arrange
        var input = new TrackingUpdate("acme-ups", UpsTrackAlertPayload.Parse(UpsContract.TrackAlertExample("2")), "trackalert");
        var id = QboUpsKeys.TrackingInstance(input.ConnectionId, input.Status.TrackingNumber, UpsTrackingText.StatusKey(input.Status));
        engine.Script.Returns(id, nameof(QboApplyTrackingActivity), new TrackingApplyResult(input.Status.TrackingNumber, "212", Changed: true, Delivered: true));

        // Act
        var output = await RunAsync(nameof(UpsTrackingToQboBillWorkflow), id, input);

        // Assert
        Assert.True(output.GetProperty("delivered").GetBoolean());
        Assert.Equal(Json(input), Single(id, nameof(QboApplyTrackingActivity)).InputJson);
        await AssertDoneStatusAsync(id, "trackingNumber", input.Status.TrackingNumber);
    }

    [Fact]
    public async Task SpsOrderToQbo_ImportSucceeds_AcknowledgesAfterTheImport()
    {
        // Arrange
        var input = new SpsDocumentRef("acme-sps", "out/PO-9001.json");
        var id = QboSpsOrderPollJob.InstanceId(input.ConnectionId, input.Path);
        engine.Script
            .Returns(id, nameof(SpsImportOrderActivity), new SpsOrderImportResult(input.Path, SpsOrderImportOutcome.Created, "SPSALLTESTID", "PO-9001", "301"))
            .Returns(id, nameof(SpsAcknowledgeDocumentActivity), true);

        // Act
        var output = await RunAsync(nameof(SpsOrderToQboWorkflow), id, input);

        // Assert
        Assert.Equal("301", output.GetProperty("qboPurchaseOrderId").GetString());
        Assert.Equal(Json(input), Single(id, nameof(SpsAcknowledgeDocumentActivity)).InputJson);
        Assert.True(Single(id, nameof(SpsImportOrderActivity)).TaskId < Single(id, nameof(SpsAcknowledgeDocumentActivity)).TaskId);
        await AssertDoneStatusAsync(id, "path", input.Path);
    }

    [Fact]
    public async Task SpsOrderToQbo_DocumentQuarantined_FailsAsValidationAndAcknowledgesNothing()
    {
        // Arrange
        var input = new SpsDocumentRef("acme-sps", "out/bad.json");
        var id = QboSpsOrderPollJob.InstanceId(input.ConnectionId, input.Path);
        engine.Script.Throws(id, nameof(SpsImportOrderActivity), new ConnectorValidationException("qbo-sps", "SPS document out/bad.json was quarantined.", "Header.OrderHeader.PurchaseOrderNumber"));

        // Act
        await engine.Workflows.StartAsync(nameof(SpsOrderToQboWorkflow), id, input);
        await engine.WaitForCompletionAsync(id);
        var status = await engine.Workflows.GetStatusAsync(id);

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Failed, status!.RuntimeStatus);
        Assert.Equal(ErrorKind.Validation, status.Failure!.Kind);
        Assert.Single(engine.Script.Attempts(id, nameof(SpsImportOrderActivity)));
        Assert.Empty(engine.Script.Attempts(id, nameof(SpsAcknowledgeDocumentActivity)));
    }

    [Fact]
    public async Task QboInvoiceToSps_InvoiceSent_ReturnsThePathAndNamesTheInvoice()
    {
        // Arrange
        var input = new QboInvoiceRef("acme-sps", "145");
        var id = QboSpsChangeHandler.InvoiceInstance(input.ConnectionId, input.InvoiceId);
        engine.Script.Returns(id, nameof(SpsSendInvoiceActivity), new SpsInvoiceSendResult("145", "1001", "SPSALLTESTID", "in/IN-SPSALLTESTID-1001.json", Uploaded: true));

        // Act
        var output = await RunAsync(nameof(QboInvoiceToSpsWorkflow), id, input);

        // Assert
        Assert.Equal("in/IN-SPSALLTESTID-1001.json", output.GetProperty("path").GetString());
        Assert.Equal(Json(input), Single(id, nameof(SpsSendInvoiceActivity)).InputJson);
        await AssertDoneStatusAsync(id, "invoiceId", "145");
    }

    [Fact]
    public async Task QboShipNoticeToSps_ShipNoticeSent_ReturnsTheAsnAndPathAndNamesTheInvoice()
    {
        // Arrange
        var input = new QboInvoiceRef("acme-sps", "146");
        var change = new MlConnector.Core.Connectors.QuickBooksOnline.QboEntityChange("9130", "Invoice", "146", "Update", new DateTimeOffset(2026, 7, 3, 12, 0, 0, TimeSpan.Zero), "evt-146");
        var id = QboSpsChangeHandler.ShipNoticeInstance(input.ConnectionId, input.InvoiceId, change);
        engine.Script.Returns(id, nameof(SpsSendShipNoticeActivity), new SpsShipNoticeSendResult("146", "1001", "SPSALLTESTID", "in/SH-SPSALLTESTID-1001.json", Uploaded: true));

        // Act
        var output = await RunAsync(nameof(QboShipNoticeToSpsWorkflow), id, input);

        // Assert
        Assert.Equal(("1001", "in/SH-SPSALLTESTID-1001.json"), (output.GetProperty("asnNumber").GetString(), output.GetProperty("path").GetString()));
        Assert.Equal(Json(input), Single(id, nameof(SpsSendShipNoticeActivity)).InputJson);
        await AssertDoneStatusAsync(id, "invoiceId", "146");
    }

    [Fact]
    public async Task SpsPartnerRejection_PartnerRejected_FailsAsPartnerRejectedOnTheFailureView()
    {
        // Arrange
        var input = new SpsRejectedDocument("acme-sps", "in/IN-SPSALLTESTID-1001.json", "SPSALLTESTID", "1001", "Price does not match the PO.");
        var id = SpsPartnerRejectionHandler.InstanceId(input.ConnectionId, input.Path);
        engine.Script.Throws(id, nameof(SpsHandlePartnerRejectionActivity), new ConnectorException("qbo-sps", ErrorKind.PartnerRejected, "Trading partner SPSALLTESTID rejected 810 1001: Price does not match the PO."));

        // Act
        await engine.Workflows.StartAsync(nameof(SpsPartnerRejectionWorkflow), id, input);
        await engine.WaitForCompletionAsync(id);
        var status = await engine.Workflows.GetStatusAsync(id);

        // Assert: failed once (never retried), listed as partner-rejected for the merchant to fix.
        Assert.Equal(WorkflowRuntimeStatus.Failed, status!.RuntimeStatus);
        Assert.Equal(ErrorKind.PartnerRejected, status.Failure!.Kind);
        Assert.Single(engine.Script.Attempts(id, nameof(SpsHandlePartnerRejectionActivity)));
        var record = MlConnector.Core.Failures.FailureTriage.ToRecord(status);
        Assert.Equal(("PartnerRejected", MlConnector.Core.Failures.FailureOwner.MerchantData), (record.ErrorKind, record.WhoFixes));
        Assert.Contains("SPSALLTESTID rejected 810 1001", record.WhatToFix, StringComparison.Ordinal);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), TestSupport.OrchestrationContextMock.Json);

    private async Task<JsonElement> RunAsync(string workflow, string id, object input)
    {
        await engine.RunToCompletionAsync(workflow, id, input);
        var status = await engine.Workflows.GetStatusAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status!.RuntimeStatus);
        using var output = JsonDocument.Parse(status.SerializedOutput!);
        return output.RootElement.Clone();
    }

    private ScriptedAttempt Single(string id, string activity) => Assert.Single(engine.Script.Attempts(id, activity));

    private async Task AssertDoneStatusAsync(string id, string recordProperty, string record)
    {
        var status = await engine.Workflows.GetStatusAsync(id);
        using var custom = JsonDocument.Parse(status!.SerializedCustomStatus!);
        Assert.Equal("done", custom.RootElement.GetProperty("step").GetString());
        Assert.Equal(record, custom.RootElement.GetProperty(recordProperty).GetString());
    }
}
