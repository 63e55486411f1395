using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Integrations.QboUps.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>
/// The <c>qbo-ups</c> side of the QBO webhook intake and CDC reconciliation: a PurchaseOrder created or updated starts
/// "QBO purchase order → UPS shipment" with the instance id of that PO, so a redelivery, a later update or the same
/// change found again by CDC starts nothing twice. Deleted, voided, merged and e-mailed POs start nothing.
/// </summary>
/// <param name="workflows">The workflow client.</param>
public sealed class QboUpsChangeHandler(IWorkflowClient workflows) : IQboChangeHandler
{
    /// <inheritdoc />
    public string IntegrationKind => IntegrationKinds.QboUps;

    /// <inheritdoc />
    public IReadOnlyList<string> EntityNames { get; } = ["PurchaseOrder"];

    /// <inheritdoc />
    public async Task<QboChangeDispatch> DispatchAsync(Connection connection, QboEntityChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(change);
        if (change.EntityName != "PurchaseOrder")
        {
            return new QboChangeDispatch(QboChangeDispatchOutcome.Ignored, Note: $"{change.EntityName} changes start nothing in qbo-ups.");
        }

        if (change.Operation is not ("Create" or "Update"))
        {
            return new QboChangeDispatch(QboChangeDispatchOutcome.Ignored, Note: $"PurchaseOrder {change.EntityId} {change.Operation}: nothing to ship.");
        }

        var instanceId = QboUpsKeys.PurchaseOrderInstance(connection.Id, change.EntityId);
        var start = await workflows.StartAsync(nameof(QboPurchaseOrderToUpsShipmentWorkflow), instanceId, new PurchaseOrderRef(connection.Id, change.EntityId), cancellationToken);
        return new QboChangeDispatch(start.IsDuplicate ? QboChangeDispatchOutcome.Duplicate : QboChangeDispatchOutcome.Started, start.InstanceId);
    }
}
