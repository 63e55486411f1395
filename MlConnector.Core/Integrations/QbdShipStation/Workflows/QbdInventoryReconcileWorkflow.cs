using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Integrations.QbdShipStation.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Workflows;

/// <summary>
/// Inventory reconciliation: queues an ItemInventoryQuery (all pages), waits for QuickBooks' answer through the Web
/// Connector, and compares on-hand quantities with the units on open ShipStation orders
/// (<see cref="QbdReconcileInventoryActivity"/>). Returns the report (items and discrepancies, no buyer data).
/// </summary>
public sealed class QbdInventoryReconcileWorkflow : IWorkflow<QbdInventoryRequest, QbdInventoryReport>
{
    /// <inheritdoc />
    public string Name => nameof(QbdInventoryReconcileWorkflow);

    /// <inheritdoc />
    public async Task<QbdInventoryReport> RunAsync(IWorkflowContext context, QbdInventoryRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = input with { RequestId = QuickBooksDesktopBridge.NewRequestId(context) };
        context.SetCustomStatus(new { step = "query" });
        await context.CallActivityAsync<bool>(nameof(QbdQueueInventoryQueryActivity), request, QbdOrderValidationWorkflow.StepRetry);
        await QuickBooksDesktopBridge.WaitForAnswerAsync(context, request.RequestId!, QbdOrderValidationWorkflow.AnswerTimeout);
        context.SetCustomStatus(new { step = "reconcile" });
        var report = await context.CallActivityAsync<QbdInventoryReport>(nameof(QbdReconcileInventoryActivity), request, QbdOrderValidationWorkflow.StepRetry);
        context.SetCustomStatus(new { step = "done", itemsChecked = report.ItemsChecked, discrepancies = report.Discrepancies.Count });
        return report;
    }
}
