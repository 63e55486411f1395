using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// The <c>qbo-sps</c> side of the QBO webhook intake and CDC reconciliation: an Invoice created or updated starts
/// "QBO invoice → SPS 810" under the invoice's instance id, so a redelivery or a later update starts nothing twice, and
/// "QBO shipment confirmation → SPS 856" under the invoice's and the change's instance id, so an update that adds the
/// tracking number is seen (the 856 ledger keeps it to one upload).
/// </summary>
/// <param name="workflows">The workflow client.</param>
public sealed class QboSpsChangeHandler(IWorkflowClient workflows) : IQboChangeHandler
{
    /// <inheritdoc />
    public string IntegrationKind => IntegrationKinds.QboSps;

    /// <inheritdoc />
    public IReadOnlyList<string> EntityNames { get; } = ["Invoice"];

    /// <summary>The workflow instance id of one invoice's 810.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="invoiceId">The QBO invoice id.</param>
    /// <returns>The instance id.</returns>
    public static string InvoiceInstance(string connectionId, string invoiceId) => WorkflowInstanceId.For("qbo-sps-810", connectionId, invoiceId);

    /// <summary>The workflow instance id of one invoice change's ship notice check.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="invoiceId">The QBO invoice id.</param>
    /// <param name="change">The change: its time (the same from webhook and CDC), else its event id.</param>
    /// <returns>The instance id.</returns>
    public static string ShipNoticeInstance(string connectionId, string invoiceId, QboEntityChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var version = change.OccurredUtc?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? change.EventId;
        return WorkflowInstanceId.For("qbo-sps-856", connectionId, $"{invoiceId}@{version}");
    }

    /// <inheritdoc />
    public async Task<QboChangeDispatch> DispatchAsync(Connection connection, QboEntityChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(change);
        if (change.EntityName != "Invoice" || change.Operation is not ("Create" or "Update"))
        {
            return new QboChangeDispatch(QboChangeDispatchOutcome.Ignored, Note: $"{change.EntityName} {change.Operation} starts nothing in qbo-sps.");
        }

        var invoice = new QboInvoiceRef(connection.Id, change.EntityId);
        var start = await workflows.StartAsync(nameof(QboInvoiceToSpsWorkflow), InvoiceInstance(connection.Id, change.EntityId), invoice, cancellationToken);
        await workflows.StartAsync(nameof(QboShipNoticeToSpsWorkflow), ShipNoticeInstance(connection.Id, change.EntityId, change), invoice, cancellationToken);
        return new QboChangeDispatch(start.IsDuplicate ? QboChangeDispatchOutcome.Duplicate : QboChangeDispatchOutcome.Started, start.InstanceId);
    }
}
