using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Core.Integrations.QbdShipStation.Activities;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>
/// The QuickBooks Desktop orchestrator functions, started through the app's workflow client and run by the real Durable
/// engine with scripted activities. Where a workflow queues a qbXML request and waits for QuickBooks' answer, the test
/// reads the request id from the queueing activity's input and raises <c>qbd-answer-{requestId}</c>, as the Web
/// Connector endpoint does: the activity chain, the data each step hands the next, the output and the custom status.
/// </summary>
[Collection(DurableEngineCollection.Name)]
public class QbdOrchestratorsOnEngineTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task QbdShipStationNotification_FetchSucceeds_ReturnsTheDispatchCounts()
    {
        // Arrange
        var input = new QbdNotification("acme-qbd", "SHIP_NOTIFY", new Uri("https://ssapi.example.test/shipments?batchId=engine-qbd-1"));
        var id = QbdShipStationKeys.NotificationInstance(input.ConnectionId, input.ResourceType, input.ResourceUrl);
        engine.Script.Returns(id, nameof(QbdShipStationFetchNotificationActivity), new QbdDispatchResult(4, 2, 1, 1));

        // Act
        var output = await RunAsync(nameof(QbdShipStationNotificationWorkflow), id, input);

        // Assert
        Assert.Equal("""{"found":4,"started":2,"duplicates":1,"skipped":1}""", output.GetRawText());
        Assert.Equal(Json(input), Single(id, nameof(QbdShipStationFetchNotificationActivity)).InputJson);
        var custom = await DoneStatusAsync(id);
        Assert.Equal("SHIP_NOTIFY", custom.GetProperty("resourceType").GetString());
        Assert.Equal(2, custom.GetProperty("started").GetInt32());
    }

    [Fact]
    public async Task QbdInventoryReconcile_QuickBooksAnswers_ReconcilesWithTheQueuedRequestAndReturnsTheReport()
    {
        // Arrange
        var input = new QbdInventoryRequest("acme-qbd");
        var id = QbdShipStationKeys.InventoryInstance(input.ConnectionId, new DateTimeOffset(2026, 12, 6, 6, 0, 0, TimeSpan.Zero));
        var report = new QbdInventoryReport(input.ConnectionId, new DateTimeOffset(2026, 12, 6, 6, 0, 5, TimeSpan.Zero), 2, 40, [new QbdInventoryDiscrepancy("SKU-7", 5, 2m, "short by 3")]);
        engine.Script
            .Returns(id, nameof(QbdQueueInventoryQueryActivity), true)
            .Returns(id, nameof(QbdReconcileInventoryActivity), report);

        // Act
        await StartAsync(nameof(QbdInventoryReconcileWorkflow), id, input);
        var requestId = await AnswerAsync(id, nameof(QbdQueueInventoryQueryActivity), 1, "requestId");
        var output = await CompletedOutputAsync(id);

        // Assert: the reconciliation reads the answer of the very request the workflow queued.
        Assert.Matches("^[0-9a-f]{32}$", requestId);
        var request = Json(input with { RequestId = requestId });
        Assert.Equal(request, Single(id, nameof(QbdQueueInventoryQueryActivity)).InputJson);
        Assert.Equal(request, Single(id, nameof(QbdReconcileInventoryActivity)).InputJson);
        Assert.True(Single(id, nameof(QbdQueueInventoryQueryActivity)).TaskId < Single(id, nameof(QbdReconcileInventoryActivity)).TaskId);
        Assert.Equal(Json(report), Json(output.Deserialize<QbdInventoryReport>(TestSupport.OrchestrationContextMock.Json)!));
        Assert.Equal(1, (await DoneStatusAsync(id)).GetProperty("discrepancies").GetInt32());
    }

    [Fact]
    public async Task QbdOrderValidation_BothListsAnswered_ChecksTheBatchWithTheQueuedRequests()
    {
        // Arrange
        var input = new QbdOrderBatch("acme-qbd", ["engine-qbd-4001", "engine-qbd-4002"]);
        var id = QbdShipStationKeys.OrderBatchInstance(input.ConnectionId, input.OrderNumbers);
        var result = new QbdOrderCheckResult(["engine-qbd-4001"], ["engine-qbd-4002"], 120, 310);
        engine.Script
            .Returns(id, nameof(QbdQueueListQueriesActivity), true)
            .Returns(id, nameof(QbdCheckOrdersActivity), result);

        // Act: QuickBooks answers the customer query, then the item query.
        await StartAsync(nameof(QbdOrderValidationWorkflow), id, input);
        var customerRequestId = await AnswerAsync(id, nameof(QbdQueueListQueriesActivity), 1, "customerRequestId");
        var itemRequestId = await AnswerAsync(id, nameof(QbdQueueListQueriesActivity), 1, "itemRequestId");
        var output = await CompletedOutputAsync(id);

        // Assert
        Assert.NotEqual(customerRequestId, itemRequestId);
        var request = Json(new QbdListRequest(input, customerRequestId, itemRequestId));
        Assert.Equal(request, Single(id, nameof(QbdQueueListQueriesActivity)).InputJson);
        Assert.Equal(request, Single(id, nameof(QbdCheckOrdersActivity)).InputJson);
        Assert.True(Single(id, nameof(QbdQueueListQueriesActivity)).TaskId < Single(id, nameof(QbdCheckOrdersActivity)).TaskId);
        Assert.Equal("""{"valid":["engine-qbd-4001"],"flagged":["engine-qbd-4002"],"customers":120,"items":310}""", output.GetRawText());
        var custom = await DoneStatusAsync(id);
        Assert.Equal(1, custom.GetProperty("valid").GetInt32());
        Assert.Equal(1, custom.GetProperty("flagged").GetInt32());
    }

    [Fact]
    public async Task QbdShipmentToQbd_ValidOrderNotInQuickBooks_QueriesAddsAndRecordsTheCreatedInvoice()
    {
        // Arrange
        var input = new QbdShipmentRef("acme-qbd", 55001, "engine-qbd-5001", 66001, new DateOnly(2026, 12, 4), "ups", "1ZQBD5001");
        var id = QbdShipStationKeys.ShipmentInstance(input.ConnectionId, input.ShipmentId);
        engine.Script
            .Returns(id, nameof(QbdReadOrderActivity), new QbdOrderState(QbdOrderReview.Valid, null, QbdShipStationNames.PostingInvoice, null))
            .Returns(id, nameof(QbdQueueTxnQueryActivity), true)
            .Returns(id, nameof(QbdReadTxnAnswerActivity), new QbdTxnAnswer(1, "No match.", null, null, HasShipment: false))
            .Returns(id, nameof(QbdReadTxnAnswerActivity), new QbdTxnAnswer(0, "Status OK", "TXN-5001", "1", HasShipment: true))
            .Returns(id, nameof(QbdQueueTxnAddActivity), new QbdAddQueued(true, null))
            .Returns(id, nameof(QbdRecordPostingActivity), true);

        // Act: QuickBooks answers the query (no match), then the add.
        await StartAsync(nameof(QbdShipmentToQbdWorkflow), id, input);
        var queryId = await AnswerAsync(id, nameof(QbdQueueTxnQueryActivity), 1, "requestId");
        var addId = await AnswerAsync(id, nameof(QbdQueueTxnAddActivity), 1, "requestId");
        var output = await CompletedOutputAsync(id);

        // Assert: the add carries the query's data under its own request id, and the answers read are of those requests.
        var query = new QbdTxnRequest(input, queryId, QbdShipStationNames.PostingInvoice, new DateOnly(2026, 12, 4));
        var add = query with { RequestId = addId };
        Assert.NotEqual(queryId, addId);
        Assert.Equal(Json(input), Single(id, nameof(QbdReadOrderActivity)).InputJson);
        Assert.Equal(Json(query), Single(id, nameof(QbdQueueTxnQueryActivity)).InputJson);
        Assert.Equal(Json(add), Single(id, nameof(QbdQueueTxnAddActivity)).InputJson);
        Assert.Equal([Json(query), Json(add)], engine.Script.Attempts(id, nameof(QbdReadTxnAnswerActivity)).Select(a => a.InputJson));
        var expected = new QbdPostingResult(input.OrderNumber, QbdShipStationWorkflowOutcomes.Created, "TXN-5001", "QuickBooks invoice TXN-5001 created with RefNumber engine-qbd-5001 dated 2026-12-04.");
        Assert.Equal(Json(new QbdPostingRecord(input, expected)), Single(id, nameof(QbdRecordPostingActivity)).InputJson);
        Assert.Equal(Json(expected), output.GetRawText());
        Assert.Empty(engine.Script.Attempts(id, nameof(QbdQueueInvoiceModActivity)));
        var chain = new[]
        {
            Single(id, nameof(QbdReadOrderActivity)).TaskId,
            Single(id, nameof(QbdQueueTxnQueryActivity)).TaskId,
            engine.Script.Attempts(id, nameof(QbdReadTxnAnswerActivity))[0].TaskId,
            Single(id, nameof(QbdQueueTxnAddActivity)).TaskId,
            engine.Script.Attempts(id, nameof(QbdReadTxnAnswerActivity))[1].TaskId,
            Single(id, nameof(QbdRecordPostingActivity)).TaskId,
        };
        Assert.Equal(chain.Order(), chain);
        Assert.Equal(chain.Length, chain.Distinct().Count());
        var custom = await DoneStatusAsync(id);
        Assert.Equal(QbdShipStationWorkflowOutcomes.Created, custom.GetProperty("outcome").GetString());
        Assert.Equal("TXN-5001", custom.GetProperty("txnId").GetString());
    }

    [Fact]
    public async Task QbdShipmentToQbd_OrderNeedsReview_RecordsItFlaggedAndQueuesNothing()
    {
        // Arrange
        var input = new QbdShipmentRef("acme-qbd", 55002, "engine-qbd-5002", 66002, new DateOnly(2026, 12, 4), "ups", "1ZQBD5002");
        var id = QbdShipStationKeys.ShipmentInstance(input.ConnectionId, input.ShipmentId);
        engine.Script
            .Returns(id, nameof(QbdReadOrderActivity), new QbdOrderState(QbdOrderReview.NeedsReview, "Item SKU-9 is not in QuickBooks.", QbdShipStationNames.PostingInvoice, null))
            .Returns(id, nameof(QbdRecordPostingActivity), true);

        // Act
        var output = await RunAsync(nameof(QbdShipmentToQbdWorkflow), id, input);

        // Assert
        var expected = new QbdPostingResult(input.OrderNumber, QbdShipStationWorkflowOutcomes.Flagged, null, "Item SKU-9 is not in QuickBooks.");
        Assert.Equal(Json(expected), output.GetRawText());
        Assert.Equal(Json(new QbdPostingRecord(input, expected)), Single(id, nameof(QbdRecordPostingActivity)).InputJson);
        Assert.Empty(engine.Script.Attempts(id, nameof(QbdQueueListQueriesActivity)));
        Assert.Empty(engine.Script.Attempts(id, nameof(QbdQueueTxnQueryActivity)));
        Assert.Empty(engine.Script.Attempts(id, nameof(QbdQueueTxnAddActivity)));
        Assert.Equal(QbdShipStationWorkflowOutcomes.Flagged, (await DoneStatusAsync(id)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task QbdOrderChange_CancelledOrderInvoiced_QueriesVoidsTheFoundInvoiceAndRecordsIt()
    {
        // Arrange
        var input = new QbdOrderChange("acme-qbd", 55003, "engine-qbd-5003", Cancel: true, QbdShipStationDispatcher.CancelledRevision);
        var id = QbdShipStationKeys.OrderChangeInstance(input.ConnectionId, input.OrderNumber, input.Revision);
        engine.Script
            .Returns(id, nameof(QbdReadOrderActivity), new QbdOrderState(QbdOrderReview.Valid, null, QbdShipStationNames.PostingInvoice, null, 25m))
            .Returns(id, nameof(QbdQueueTxnQueryActivity), true)
            .Returns(id, nameof(QbdReadTxnAnswerActivity), new QbdTxnAnswer(0, "Status OK", "TXN-5003", "7", HasShipment: true, "shipped", 25m))
            .Returns(id, nameof(QbdReadTxnAnswerActivity), new QbdTxnAnswer(0, "Status OK", "TXN-5003", null, HasShipment: false))
            .Returns(id, nameof(QbdQueueTxnVoidActivity), true)
            .Returns(id, nameof(QbdRecordPostingActivity), true);

        // Act: QuickBooks answers the query (the invoice, 25.00), then the void.
        await StartAsync(nameof(QbdOrderChangeWorkflow), id, input);
        var queryId = await AnswerAsync(id, nameof(QbdQueueTxnQueryActivity), 1, "requestId");
        var voidId = await AnswerAsync(id, nameof(QbdQueueTxnVoidActivity), 1, "requestId");
        var output = await CompletedOutputAsync(id);

        // Assert: the void names the TxnID the query found; nothing is added or modified.
        Assert.Equal(Json(input.AsShipmentRef()), Single(id, nameof(QbdReadOrderActivity)).InputJson);
        using var queued = JsonDocument.Parse(Single(id, nameof(QbdQueueTxnVoidActivity)).InputJson!);
        Assert.Equal(voidId, queued.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("TXN-5003", queued.RootElement.GetProperty("txnId").GetString());
        Assert.NotEqual(queryId, voidId);
        Assert.Empty(engine.Script.Attempts(id, nameof(QbdQueueTxnAddActivity)));
        Assert.Empty(engine.Script.Attempts(id, nameof(QbdQueueOrderCorrectionActivity)));
        var result = output.Deserialize<QbdPostingResult>(TestSupport.OrchestrationContextMock.Json)!;
        Assert.Equal(QbdShipStationWorkflowOutcomes.Voided, result.Outcome);
        Assert.Equal("TXN-5003", result.TxnId);
        Assert.Equal(Json(new QbdPostingRecord(input.AsShipmentRef(), result)), Single(id, nameof(QbdRecordPostingActivity)).InputJson);
        Assert.Equal(QbdShipStationWorkflowOutcomes.Voided, (await DoneStatusAsync(id)).GetProperty("outcome").GetString());
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), TestSupport.OrchestrationContextMock.Json);

    private async Task StartAsync(string workflow, string id, object input)
    {
        var started = await engine.Workflows.StartAsync(workflow, id, input);
        Assert.False(started.IsDuplicate, $"{id} was started before");
    }

    /// <summary>
    /// Waits for the <paramref name="attempt"/>th call of the queueing activity, reads the request id it was handed under
    /// <paramref name="property"/> and raises QuickBooks' answer to it, as the Web Connector endpoint does.
    /// </summary>
    private async Task<string> AnswerAsync(string id, string activity, int attempt, string property)
    {
        await engine.Script.WaitForAttemptsAsync(id, activity, attempt, DurableEngineFixture.Patience);
        using var queued = JsonDocument.Parse(engine.Script.Attempts(id, activity)[attempt - 1].InputJson!);
        var requestId = queued.RootElement.GetProperty(property).GetString()!;
        await engine.Workflows.RaiseEventAsync(id, QuickBooksDesktopAnswerSignal.EventName(requestId), new QuickBooksDesktopAnswerSignal(requestId, QuickBooksDesktopRequestState.Answered, 0));
        return requestId;
    }

    private async Task<JsonElement> CompletedOutputAsync(string id)
    {
        var metadata = await engine.WaitForCompletionAsync(id);
        var status = await engine.Workflows.GetStatusAsync(id);
        Assert.True(status!.RuntimeStatus == WorkflowRuntimeStatus.Completed, $"{id} is {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
        using var output = JsonDocument.Parse(status.SerializedOutput!);
        return output.RootElement.Clone();
    }

    private async Task<JsonElement> RunAsync(string workflow, string id, object input)
    {
        await engine.RunToCompletionAsync(workflow, id, input);
        return await CompletedOutputAsync(id);
    }

    private ScriptedAttempt Single(string id, string activity) => Assert.Single(engine.Script.Attempts(id, activity));

    /// <summary>The QuickBooks Desktop workflows report their step in the custom status, as the QBO ones do, ending with <c>step: done</c>.</summary>
    private async Task<JsonElement> DoneStatusAsync(string id)
    {
        var status = await engine.Workflows.GetStatusAsync(id);
        using var custom = JsonDocument.Parse(status!.SerializedCustomStatus!);
        Assert.Equal("done", custom.RootElement.GetProperty("step").GetString());
        return custom.RootElement.Clone();
    }
}
