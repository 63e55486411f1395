using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Errors;
using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// Writes an invoice's packages and their latest statuses into the invoice, in the notes (default) or a zero-amount line
/// (<c>freshbooks.trackingWriteBack</c>), from the shipment rows (which never set Delivered back). The invoice is read
/// first and left alone when it already shows the text, so a repeated status or a retry writes nothing. One write-back per
/// invoice at a time (<see cref="UpsTrackingWriteBack"/>: a lease around rows → PUT → re-read); one that finds the invoice's
/// write-back running hands its status to it (audited Skipped, naming the holder), so an older status never lands over a
/// newer one. So the write-back of one status may write another's (the pickup's write-back writes Delivered when the
/// delivery reached the row during it): the Succeeded audit row names the status that started it and, after
/// <c>now shows</c>, every package's status on the invoice after it.
/// PUT <c>…/invoices/invoices/{id}</c> with <c>{"invoice":{"notes"}}</c> or every line (PROTOCOL-NOTES §4). Audit operation
/// <see cref="FreshBooksUpsNames.WriteBackOperation"/>.
/// </summary>
/// <param name="client">The FreshBooks client.</param>
/// <param name="connections">The connection store.</param>
/// <param name="shipments">The shipment store.</param>
/// <param name="writeBack">The shared write-back (one per invoice at a time).</param>
/// <param name="audit">The audit trail.</param>
public sealed class FreshBooksTrackingWriter(IFreshBooksClient client, IConnectionStore connections, UpsShipmentStore shipments, UpsTrackingWriteBack writeBack, IAuditTrail audit)
{
    /// <summary>Writes the tracking of one invoice.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="invoiceId">The FreshBooks invoice id.</param>
    /// <param name="workflowInstanceId">The calling workflow instance.</param>
    /// <param name="why">What changed, for the audit row (for example <c>1Z…: Delivered (from trackalert)</c>).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>What was written.</returns>
    public Task<FreshBooksTrackingWriteResult> WriteAsync(string connectionId, long invoiceId, string? workflowInstanceId, string why, CancellationToken cancellationToken = default)
    {
        var template = new AuditRecord(connectionId, FreshBooksUpsNames.WriteBackOperation, AuditOutcome.Started)
        {
            WorkflowInstanceId = workflowInstanceId,
            BusinessKey = invoiceId.ToString(CultureInfo.InvariantCulture),
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var connection = await connections.GetAsync(connectionId, ct)
                    ?? throw new ConnectorValidationException(IntegrationKinds.FreshBooksUps, $"Connection '{connectionId}' no longer exists.", field: "connectionId");
                var settings = FreshBooksUpsSettings.From(connection);
                var packages = await shipments.GetBySourceAsync(connectionId, FreshBooksUpsNames.InvoiceSource, invoiceId.ToString(CultureInfo.InvariantCulture), ct);
                var invoice = await client.GetInvoiceAsync(connectionId, invoiceId, ct);
                var number = FreshBooksUpsMapper.SourceOf(invoice).Describe();
                if (packages.Count == 0)
                {
                    return new AuditedResult<FreshBooksTrackingWriteResult>(new(invoiceId, false, string.Empty), AuditOutcome.Skipped, null, $"{number} has no UPS shipment; nothing to write.");
                }

                // Under the invoice's lease, re-read the rows after each PUT and write again while they give newer text.
                var source = invoiceId.ToString(CultureInfo.InvariantCulture);
                var (written, reads) = (false, 0);
                var (text, _, handedTo) = await writeBack.WriteAsync(
                    connectionId,
                    FreshBooksUpsNames.InvoiceSource,
                    source,
                    async ct2 =>
                    {
                        packages = await shipments.GetBySourceAsync(connectionId, FreshBooksUpsNames.InvoiceSource, source, ct2);
                        return FreshBooksUpsMapper.TrackingText(packages);
                    },
                    async (next, ct2) =>
                    {
                        if (reads++ > 0)
                        {
                            invoice = await client.GetInvoiceAsync(connectionId, invoiceId, ct2);
                        }

                        if (FreshBooksUpsMapper.Shows(invoice, settings, next))
                        {
                            return;
                        }

                        var update = settings.TrackingWriteBack == FreshBooksUpsNames.WriteBackLine
                            ? new FreshBooksInvoiceUpdate { Lines = FreshBooksUpsMapper.LinesWithTracking(invoice, next) }
                            : new FreshBooksInvoiceUpdate { Notes = FreshBooksUpsMapper.NotesWithTracking(invoice.Notes, next) };
                        await client.UpdateInvoiceAsync(connectionId, invoiceId, update, ct2);
                        written = true;
                    },
                    ct);
                var tracking = string.Join(", ", packages.Select(p => p.TrackingNumber).Order(StringComparer.Ordinal));
                if (handedTo is not null)
                {
                    return new AuditedResult<FreshBooksTrackingWriteResult>(new(invoiceId, false, text), AuditOutcome.Skipped, tracking, $"{number}: {why} handed to the write-back holding the invoice ({handedTo}), which writes it with its own.");
                }

                return written
                    ? new AuditedResult<FreshBooksTrackingWriteResult>(new(invoiceId, true, text), AuditOutcome.Succeeded, tracking, $"{number} {settings.TrackingWriteBack}: {why}; {UpsTrackingText.NowShows(text.Split('\n').Skip(1))}.")
                    : new AuditedResult<FreshBooksTrackingWriteResult>(new(invoiceId, false, text), AuditOutcome.Skipped, tracking, $"{number} already shows its tracking ({why}).");
            },
            cancellationToken);
    }
}
