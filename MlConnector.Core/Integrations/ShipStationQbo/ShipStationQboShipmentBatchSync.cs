using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// Applies a chunk of shipments to their orders' QBO invoices with one read and one batch of sparse updates per 30 (<see cref="IQuickBooksOnlineClient.BatchMaxItems"/>)
/// invoices, instead of a read, a re-read and an update per shipment (3 requests each).
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Each shipment is claimed in the idempotency ledger (<see cref="ShipStationQboKeys.ShipmentUpdateApply"/>, the same
/// key as the per-shipment path): one already applied is not touched, one another run is writing is left to it.</item>
/// <item>Read: <c>select * from Invoice where DocNumber in (…)</c> for every order of the chunk, one query per
/// <see cref="QboQuery.MaxInValues"/> numbers on the realm's request budget (not the batch budget): the invoices' Ids,
/// SyncTokens and memos. An order with several invoices of its DocNumber takes the one the ledger recorded, else the
/// oldest. A shipment whose memo is already on the invoice is recorded, not written again.</item>
/// <item>Update batches (<see cref="IQuickBooksOnlineClient.BatchAsync"/>, budget <c>qbo-batch</c>, <see cref="IQuickBooksOnlineClient.BatchMaxItems"/> items each, 30 by default): one
/// sparse update per invoice at the SyncToken just read, the invoice's shipments folded into it in order (memo lines
/// appended, the last one's date, method and tracking number), as the per-shipment path would leave it.</item>
/// <item>A shipment whose invoice does not exist yet, with <see cref="ShipmentChunk.WaitForInvoices"/>: released and
/// returned to the workflow, which applies it in a later batch once the order chunk in flight has created the invoice.</item>
/// <item>A shipment whose invoice does not exist yet (otherwise), or whose item QBO refuses (a stale SyncToken, 5010, when the invoice
/// changed since the read; a validation fault), is released and handed to its own
/// <see cref="ShipStationShipmentToQboInvoiceWorkflow"/> (instance <see cref="ShipStationQboKeys.ShipmentUpdateInstance"/>),
/// which re-reads the invoice, waits for it, or fails visibly; the rest of the chunk commits.</item>
/// <item>A batch that fails as a whole without a usable answer (a lost response, a 5xx) may still have committed: the next
/// attempt reads again, and an update already on an invoice is recorded, not sent again (<see cref="MaxAttempts"/>
/// attempts, then the claims are released and the error thrown for the workflow's retry).</item>
/// </list>
/// Batch: https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/batch (30 items,
/// 40 batch requests per minute per realm: PROTOCOL-NOTES.md §2). Sparse update with SyncToken, 5010 on a stale one:
/// the Invoice reference, "sparse update" (developer.intuit.com, api-reference/invoice).
/// </remarks>
/// <param name="qbo">The QBO client.</param>
/// <param name="snapshots">The snapshot store.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="workflows">Starts the per-shipment workflow of a shipment handed off.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationQboShipmentBatchSync(
    IQuickBooksOnlineClient qbo,
    ShipStationSnapshotStore snapshots,
    IIdempotencyLedger ledger,
    IAuditTrail audit,
    IWorkflowClient workflows,
    ILogger<ShipStationQboShipmentBatchSync> logger)
{
    /// <summary>The most shipments in one chunk: one <c>DocNumber in (…)</c> query's worth (<see cref="QboQuery.MaxInValues"/>).</summary>
    public const int MaxChunkSize = QboQuery.MaxInValues;

    /// <summary>How many times a chunk re-reads and re-sends after a batch failed without an answer.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The audit operation of a shipment update (the same as the per-shipment path's).</summary>
    public const string ShipUpdateOperation = "qbo.invoice.ship-update";

    /// <summary>Applies the chunk's shipments.</summary>
    /// <param name="chunk">Up to <see cref="MaxChunkSize"/> shipments of one connection.</param>
    /// <param name="workflowInstanceId">The calling workflow instance, for the audit trail.</param>
    /// <param name="cancellationToken">Cancels the work; claims taken are released.</param>
    /// <returns>What the chunk did.</returns>
    /// <exception cref="ArgumentException">When the chunk holds more than <see cref="MaxChunkSize"/> shipments or shipments of another connection.</exception>
    /// <exception cref="ConnectorException">When QBO kept failing whole batches (nothing is left claimed), or, transient, when
    /// another run held fresh claims on some shipments (the rest committed; the retry finishes those).</exception>
    public async Task<ShipmentChunkResult> SyncAsync(ShipmentChunk chunk, string? workflowInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.Shipments.Count > MaxChunkSize || chunk.Shipments.Any(s => s.ConnectionId != chunk.ConnectionId))
        {
            throw new ArgumentException($"A chunk holds at most {MaxChunkSize} shipments, all of its own connection.", nameof(chunk));
        }

        var run = new Run(chunk.ConnectionId, workflowInstanceId, chunk.WaitForInvoices);
        foreach (var reference in chunk.Shipments)
        {
            var claim = await ledger.BeginAsync(ShipStationQboKeys.ShipmentUpdateApply(reference), cancellationToken);
            if (claim.Decision == LedgerDecision.AlreadyCompleted)
            {
                run.Already++;
            }
            else if (claim.Decision == LedgerDecision.ClaimedElsewhere)
            {
                run.Busy++;
            }
            else
            {
                var (shipment, memoLine) = await snapshots.GetShipmentUpdateAsync(reference, cancellationToken);
                run.Work.Add(new PendingShipment(reference, shipment, memoLine, claim));
            }
        }

        // Nothing stays claimed when this throws: the workflow's retry (or a replay) claims the shipments again at once.
        await QboBatchAttempts.RunAsync(run.Work, () => ApplyAsync(run, cancellationToken), MaxAttempts, ledger, logger, run.ConnectionId);

        foreach (var handed in run.HandedOff)
        {
            await audit.WriteAsync(
                new AuditRecord(run.ConnectionId, ShipUpdateOperation, AuditOutcome.Skipped)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = handed.Pending.Reference.OrderNumber,
                    VendorReference = handed.Pending.Shipment.TrackingNumber,
                    ErrorKind = handed.Kind,
                    Detail = $"Shipment {handed.Pending.Reference.ShipmentId} handed to its own workflow: {handed.Reason}",
                },
                cancellationToken);
            await workflows.StartAsync(nameof(ShipStationShipmentToQboInvoiceWorkflow), ShipStationQboKeys.ShipmentUpdateInstance(handed.Pending.Reference), handed.Pending.Reference, cancellationToken);
        }

        var result = new ShipmentChunkResult(
            chunk.Shipments.Count,
            run.Applied,
            run.Already,
            run.Busy,
            [.. run.HandedOff.Select(h => $"{h.Pending.Reference.OrderNumber}/{h.Pending.Reference.ShipmentId.ToString(CultureInfo.InvariantCulture)}")],
            [.. run.Waiting]);
        logger.ShipmentChunkApplied(run.ConnectionId, result.Shipments, result.Applied, result.AlreadyApplied, result.HandedOff.Count);
        if (run.Busy > 0)
        {
            throw new ConnectorException(IntegrationKindCode, ErrorKind.Transient, $"{run.Busy} shipment(s) of the chunk are being written by another run; the chunk is retried for them ({result.Applied} applied now).");
        }

        return result;
    }

    private const string IntegrationKindCode = Connections.IntegrationKinds.ShipStationQbo;

    /// <summary>One read of the open shipments' invoices, then one batch of updates per <see cref="IQuickBooksOnlineClient.BatchMaxItems"/> invoices.</summary>
    private async Task ApplyAsync(Run run, CancellationToken cancellationToken)
    {
        var open = run.Work.Where(p => p.Open).ToList();
        var found = await qbo.FindInvoicesByDocNumbersAsync(run.ConnectionId, [.. open.Select(p => p.Reference.OrderNumber).Distinct(StringComparer.Ordinal)], cancellationToken);
        var updates = new List<(QboInvoice Invoice, List<PendingShipment> Shipments, QboInvoiceUpdate Update)>();
        foreach (var order in open.GroupBy(p => p.Reference.OrderNumber, StringComparer.Ordinal))
        {
            var invoice = await PickInvoiceAsync(run.ConnectionId, order.Key, found, cancellationToken);
            if (invoice is null)
            {
                foreach (var pending in order)
                {
                    if (run.WaitForInvoices)
                    {
                        await QboBatchAttempts.ReleaseAsync(ledger, [pending], $"order {order.Key} has no QBO invoice yet; the chunk applies the shipment in a later batch.");
                        run.Waiting.Add(pending.Reference);
                    }
                    else
                    {
                        await HandOffAsync(run, pending, ErrorKind.Transient, $"order {order.Key} has no QBO invoice yet; its workflow applies the shipment once it has.");
                    }
                }

                continue;
            }

            var current = invoice;
            var folded = new List<PendingShipment>();
            QboInvoiceUpdate? update = null;
            foreach (var pending in order)
            {
                if (ShipStationQboMapper.CarriesShipment(current, pending.Shipment))
                {
                    await CompleteAsync(run, pending, invoice.Id!, applied: false, cancellationToken);
                    continue;
                }

                update = ShipStationQboMapper.ToInvoiceShipUpdate(current, pending.Shipment, pending.MemoLine);
                current = current with { CustomerMemo = update.CustomerMemo };
                folded.Add(pending);
            }

            if (update is not null)
            {
                updates.Add((invoice, folded, update));
            }
        }

        foreach (var batch in updates.Chunk(qbo.BatchMaxItems))
        {
            var items = batch.Select((u, i) => QboBatchItem.Update(i.ToString(CultureInfo.InvariantCulture), u.Invoice.Id!, u.Invoice.SyncToken!, u.Update)).ToList();
            var results = await qbo.BatchAsync(run.ConnectionId, items, cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                foreach (var pending in batch[i].Shipments)
                {
                    if (results[i] is { Error: null, Invoice.Id: { } invoiceId })
                    {
                        await CompleteAsync(run, pending, invoiceId, applied: true, cancellationToken);
                    }
                    else
                    {
                        var error = results[i].Error;
                        await HandOffAsync(run, pending, error?.Kind ?? ErrorKind.Unknown, error?.Message ?? $"QuickBooks Online answered the update of invoice {pending.Reference.OrderNumber} without an invoice.");
                    }
                }
            }
        }
    }

    /// <summary>The order's invoice among those read: the one the ledger recorded, else the oldest (lowest numeric Id).</summary>
    private async Task<QboInvoice?> PickInvoiceAsync(string connectionId, string orderNumber, IReadOnlyList<QboInvoice> found, CancellationToken cancellationToken)
    {
        var candidates = found.Where(i => i.Id is not null && i.SyncToken is not null && string.Equals(i.DocNumber, orderNumber, StringComparison.Ordinal)).ToList();
        if (candidates.Count <= 1)
        {
            return candidates.FirstOrDefault();
        }

        var recorded = (await ledger.GetAsync(ShipStationQboKeys.InvoiceCreate(connectionId, orderNumber), cancellationToken))?.TargetId;
        return candidates.FirstOrDefault(i => i.Id == recorded)
            ?? candidates.OrderBy(i => long.TryParse(i.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue).First();
    }

    private async Task CompleteAsync(Run run, PendingShipment pending, string invoiceId, bool applied, CancellationToken cancellationToken)
    {
        await ledger.CompleteAsync(pending.Claim, invoiceId, cancellationToken);
        pending.Open = false;
        if (applied)
        {
            run.Applied++;
        }
        else
        {
            run.Already++;
        }

        await audit.WriteAsync(
            new AuditRecord(run.ConnectionId, ShipUpdateOperation, applied ? AuditOutcome.Succeeded : AuditOutcome.Skipped)
            {
                WorkflowInstanceId = run.WorkflowInstanceId,
                BusinessKey = pending.Reference.OrderNumber,
                VendorReference = pending.Shipment.TrackingNumber,
                Detail = applied ? $"Invoice {pending.Reference.OrderNumber}: {pending.MemoLine} (batch)" : $"Invoice {pending.Reference.OrderNumber} already carries this shipment.",
            },
            cancellationToken);
    }

    private async Task HandOffAsync(Run run, PendingShipment pending, ErrorKind kind, string reason)
    {
        await QboBatchAttempts.ReleaseAsync(ledger, [pending], reason);
        run.HandedOff.Add(new HandedOffShipment(pending, kind, reason));
    }

    private sealed class Run(string connectionId, string? workflowInstanceId, bool waitForInvoices)
    {
        public string ConnectionId { get; } = connectionId;

        public string? WorkflowInstanceId { get; } = workflowInstanceId;

        public bool WaitForInvoices { get; } = waitForInvoices;

        public List<ShipmentSnapshotRef> Waiting { get; } = [];

        public List<PendingShipment> Work { get; } = [];

        public List<HandedOffShipment> HandedOff { get; } = [];

        public int Applied { get; set; }

        public int Already { get; set; }

        public int Busy { get; set; }
    }

    private sealed class PendingShipment(ShipmentSnapshotRef reference, ShipStationShipment shipment, string memoLine, LedgerClaim claim) : ClaimedBatchItem(claim)
    {
        public ShipmentSnapshotRef Reference { get; } = reference;

        public ShipStationShipment Shipment { get; } = shipment;

        public string MemoLine { get; } = memoLine;
    }

    private sealed record HandedOffShipment(PendingShipment Pending, ErrorKind Kind, string Reason);
}
