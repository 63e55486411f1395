using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Intake.FreshBooks;
using MlConnector.Core.Integrations.FreshBooksUps.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// The one decision of webhooks and the poll alike: an invoice that is flagged for shipping (and not deleted) starts
/// "FreshBooks invoice → UPS shipment" under its deterministic instance id (<see cref="FreshBooksUpsKeys.InvoiceInstance"/>);
/// one that is not is skipped, so a flag added by a later update starts it then. An instance that exists (any status)
/// makes the start a duplicate: a second update, a redelivery or the poll never ship an invoice twice, and the ledger
/// under the shipment step guards replays.
/// </summary>
/// <param name="workflows">The workflow client.</param>
public sealed class FreshBooksUpsDispatcher(IWorkflowClient workflows)
{
    /// <summary>Decides for one invoice as FreshBooks holds it now.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="invoice">The invoice (read by GET or listed).</param>
    /// <param name="channel"><c>webhook</c> or <c>poll</c>, for the audit detail.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>What was done; <see cref="AuditOutcome.Succeeded"/> only when a workflow was started now.</returns>
    public async Task<FreshBooksChangeResult> DispatchAsync(Connection connection, FreshBooksInvoice invoice, string channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(invoice);
        var settings = FreshBooksUpsSettings.From(connection);
        var number = FreshBooksUpsMapper.SourceOf(invoice).Describe();
        if (invoice.Deleted)
        {
            return new FreshBooksChangeResult(AuditOutcome.Skipped, $"{number} is deleted or archived; not shipped.");
        }

        if (!settings.IsFlagged(invoice))
        {
            return new FreshBooksChangeResult(AuditOutcome.Skipped, $"{number} is not flagged for shipping ({settings.DescribeFlag()}); skipped, never shipped.");
        }

        var instanceId = FreshBooksUpsKeys.InvoiceInstance(connection.Id, invoice.Id);
        var start = await workflows.StartAsync(nameof(FreshBooksInvoiceToUpsShipmentWorkflow), instanceId, new FreshBooksInvoiceRef(connection.Id, invoice.Id), cancellationToken);
        return start.IsDuplicate
            ? new FreshBooksChangeResult(AuditOutcome.Skipped, $"{number} is already being shipped or shipped ({start.Status}); duplicate suppressed ({channel}).", instanceId)
            : new FreshBooksChangeResult(AuditOutcome.Succeeded, $"{number} is flagged for shipping; shipment workflow started ({channel}{(start.IsHeld ? ", held until the connection is resumed or under its running limit" : string.Empty)}).", instanceId);
    }
}
