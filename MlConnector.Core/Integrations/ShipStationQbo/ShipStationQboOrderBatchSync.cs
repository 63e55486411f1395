using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// Invoices a chunk of up to 100 fetched orders (a ShipStation page): a few IN queries read what the chunk needs (on the
/// realm's request budget), then batch requests full to <see cref="IQuickBooksOnlineClient.BatchMaxItems"/> items (30 by
/// default) carry the buyers' missing customers and the invoices together (<see cref="QboWritePacking"/>): about
/// ⌈(orders + new buyers) ÷ 30⌉ batch requests per page instead of 6–7
/// requests per order, or one invoice batch and one customer batch per 30 orders.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Each order is checked (cancelled → skipped; a missing mapping or an unidentifiable buyer → failed) and its
/// invoice claimed in the idempotency ledger (<see cref="ShipStationQboKeys.InvoiceCreate"/>): an order already invoiced
/// is not touched, one another run is writing is left to it.</item>
/// <item>Reads, plain queries on the realm's request budget so the scarcer batch budget (40/min) goes to writes:
/// <c>select * from Invoice where DocNumber in (…)</c> (an invoice that exists is recorded, not created
/// again), and for buyers the ledger does not know, <c>select * from Customer where PrimaryEmailAddr in (…)</c> and
/// <c>… where DisplayName in (…)</c> over every display name the chunk might use (QBO's <c>IN</c> operator: Intuit,
/// data-queries page, developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/data-queries).
/// Buyers are matched exactly as <see cref="ShipStationQboCustomerResolver"/> matches them, and taken names are avoided.</item>
/// <item>Batches, packed by <see cref="QboWritePacking"/>: one customer create per new buyer first, and in the same batch
/// the invoices of buyers whose customer exists (known buyers at once; a new buyer's once its create has answered, since
/// items of one batch do not see each other). The reads of new buyers and the batches up to the last create run under the
/// connection's <see cref="ShipStationQboCustomerGate"/>, one chunk at a time, so chunks in flight together do not race to
/// create one buyer or to take one display name. A buyer whose create faults (a 6240 race, a name held by a vendor) goes
/// through <see cref="ShipStationQboCustomerResolver.EnsureAsync"/>, which re-queries and never fails on 6240, before the
/// next batch; when the batch budget is the scarcer and the creates would add batches, they go as single requests
/// instead (<see cref="CreatesOneByOne"/>).</item>
/// <item>Invoices: one create per order. An item's fault fails that order only: its ledger row is marked failed
/// with the reason, an audit row says why, and its own <see cref="ShipStationOrderToQboInvoiceWorkflow"/> is started
/// (instance <see cref="ShipStationQboKeys.OrderInstance"/>), which fails visibly and is replayed by the operator.</item>
/// <item>A batch that fails as a whole without a usable answer (a lost response, a 5xx) may still have committed: the
/// next attempt starts again at the reads, so every invoice is looked up by DocNumber and every customer by its key
/// before anything is sent again (<see cref="MaxAttempts"/> attempts, then the claims are released and the error thrown,
/// for the workflow's retry).</item>
/// </list>
/// Batch: https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/batch (30 items
/// recommended by the limits page, 10 by the batch page: <see cref="QuickBooksOnlineOptions.BatchMaxItems"/>; 40 batch
/// requests per minute per realm: PROTOCOL-NOTES.md §2).
/// </remarks>
/// <param name="qbo">The QBO client.</param>
/// <param name="connections">The connection store.</param>
/// <param name="snapshots">The snapshot store.</param>
/// <param name="customers">The per-buyer resolver: matching rules, ledger records and the fallback for a failed create.</param>
/// <param name="customerGate">Lets one chunk of a connection at a time look up and create new buyers.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="workflows">Starts the per-order workflow of a failed order.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationQboOrderBatchSync(
    IQuickBooksOnlineClient qbo,
    IConnectionStore connections,
    ShipStationSnapshotStore snapshots,
    ShipStationQboCustomerResolver customers,
    ShipStationQboCustomerGate customerGate,
    IIdempotencyLedger ledger,
    IAuditTrail audit,
    IWorkflowClient workflows,
    ILogger<ShipStationQboOrderBatchSync> logger)
{
    /// <summary>
    /// The most orders in one chunk: a ShipStation page of 100, which one <c>DocNumber in (…)</c> read covers
    /// (<see cref="QboQuery.MaxInValues"/>); its writes fill batches of <see cref="IQuickBooksOnlineClient.BatchMaxItems"/> (<see cref="QboWritePacking"/>).
    /// </summary>
    public const int MaxChunkSize = QboQuery.MaxInValues;

    /// <summary>How many times a chunk re-reads and re-sends after a batch failed without an answer.</summary>
    public const int MaxAttempts = 3;

    /// <summary>
    /// Requests of the realm's budget left for other work (the chunks' reads, their invoice batches, shipments) when a
    /// chunk creates its new buyers one by one: see <see cref="CreatesOneByOne"/>.
    /// </summary>
    public const int RequestReserve = 20;

    /// <summary>The audit operation of an invoice create (the same as the per-order path's).</summary>
    public const string InvoiceCreateOperation = "qbo.invoice.create";

    private const string Kind = IntegrationKinds.ShipStationQbo;

    /// <summary>Invoices the chunk's orders.</summary>
    /// <param name="chunk">Up to <see cref="MaxChunkSize"/> orders of one connection.</param>
    /// <param name="workflowInstanceId">The calling workflow instance, for the audit trail.</param>
    /// <param name="cancellationToken">Cancels the work; claims taken are released.</param>
    /// <returns>What the chunk did.</returns>
    /// <exception cref="ArgumentException">When the chunk holds more than <see cref="MaxChunkSize"/> orders or orders of another connection.</exception>
    /// <exception cref="ConnectorValidationException">When the connection no longer exists. A paused connection is the shared
    /// pause gate's business: <see cref="Activities.QboSyncOrderChunkActivity"/> is a target write, which does not run while
    /// its connection is paused and is held for a replay on resume.</exception>
    /// <exception cref="ConnectorException">When QBO kept failing whole batches (nothing is left claimed), or, transient, when
    /// another run held fresh claims on some orders (the rest committed; the retry finishes those).</exception>
    public async Task<OrderChunkResult> SyncAsync(OrderChunk chunk, string? workflowInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.Orders.Count > MaxChunkSize || chunk.Orders.Any(o => o.ConnectionId != chunk.ConnectionId))
        {
            throw new ArgumentException($"A chunk holds at most {MaxChunkSize} orders, all of its own connection.", nameof(chunk));
        }

        var connectionId = chunk.ConnectionId;
        var connection = await connections.GetAsync(connectionId, cancellationToken)
            ?? throw new ConnectorValidationException(Kind, $"Connection '{connectionId}' no longer exists.", field: "connectionId");
        var run = new Run(connection, workflowInstanceId);
        foreach (var reference in chunk.Orders)
        {
            await AdmitAsync(run, reference, cancellationToken);
        }

        // Nothing stays claimed when this throws: the workflow's retry (or a replay) claims the orders again at once.
        await QboBatchAttempts.RunAsync(run.Work, () => AttemptAsync(run, cancellationToken), MaxAttempts, ledger, logger, connectionId);

        foreach (var failed in run.Failed)
        {
            logger.BatchOrderFailed(connectionId, failed.Reference.OrderNumber, failed.Kind);
            await audit.WriteAsync(
                new AuditRecord(connectionId, InvoiceCreateOperation, AuditOutcome.Failed) { WorkflowInstanceId = workflowInstanceId, BusinessKey = failed.Reference.OrderNumber, ErrorKind = failed.Kind, Detail = failed.Reason },
                cancellationToken);
            await workflows.StartAsync(nameof(ShipStationOrderToQboInvoiceWorkflow), ShipStationQboKeys.OrderInstance(connectionId, failed.Reference.OrderNumber), failed.Reference, cancellationToken);
        }

        var result = new OrderChunkResult(chunk.Orders.Count, run.Created, run.Existing, run.Skipped, run.Busy, [.. run.Failed.Select(f => f.Reference.OrderNumber)]);
        logger.OrderChunkSynced(connectionId, result.Orders, result.Created, result.AlreadyInvoiced, result.Skipped, result.Busy, result.FailedOrders.Count);
        if (run.Busy > 0)
        {
            // Another run holds a fresh claim on some orders; it may have died (a killed process). The chunk is retried: by
            // then the orders are invoiced (skipped) or their claim is stale and taken over, after a DocNumber look-up.
            throw new ConnectorException(Kind, ErrorKind.Transient, $"{run.Busy} order(s) of the chunk are being written by another run; the chunk is retried for them ({result.Created} invoices created now).");
        }

        return result;
    }

    private static ErrorKind KindOf(Exception exception) => exception is ConnectorException c ? c.Kind : ErrorKind.Unknown;

    private async Task AdmitAsync(Run run, OrderSnapshotRef reference, CancellationToken cancellationToken)
    {
        var connectionId = run.Connection.Id;
        var order = await snapshots.GetOrderAsync(reference, cancellationToken);
        if (order.OrderStatus == "cancelled")
        {
            run.Skipped++;
            await AuditAsync(run, reference.OrderNumber, AuditOutcome.Skipped, null, "The order is cancelled in ShipStation; no invoice.", cancellationToken);
            return;
        }

        var problems = ShipStationQboMapper.FindProblems(run.Connection, order);
        if (problems.Count > 0)
        {
            run.Failed.Add(new FailedOrder(reference, ErrorKind.Validation, $"Order {order.OrderNumber} cannot be invoiced: {string.Join("; ", problems)}."));
            return;
        }

        ShipStationBuyer buyer;
        try
        {
            buyer = ShipStationBuyer.From(order);
        }
        catch (ConnectorValidationException ex)
        {
            run.Failed.Add(new FailedOrder(reference, ErrorKind.Validation, ex.Message));
            return;
        }

        var claim = await ledger.BeginAsync(ShipStationQboKeys.InvoiceCreate(connectionId, order.OrderNumber), cancellationToken);
        switch (claim.Decision)
        {
            case LedgerDecision.AlreadyCompleted:
                run.Existing++;
                await AuditAsync(run, order.OrderNumber, AuditOutcome.Skipped, claim.TargetId, $"Invoice {order.OrderNumber} already exists; not created again.", cancellationToken);
                return;
            case LedgerDecision.ClaimedElsewhere:
                run.Busy++;
                return;
        }

        run.Work.Add(new PendingOrder(reference, order, buyer, claim));
    }

    /// <summary>One attempt: the reads, then the batches packed with the creates and the invoices (<see cref="WriteAsync"/>).</summary>
    private async Task AttemptAsync(Run run, CancellationToken cancellationToken)
    {
        await ReadRecordedCustomersAsync(run, cancellationToken);

        // A chunk with new buyers finds and creates them while no other chunk of the connection does, so two chunks never
        // race for one buyer or one name (no 6240); the buyers the chunk before created are then in the ledger and not
        // looked up again. The gate is left as soon as the last create has answered; the batches after it carry invoices only.
        var gate = HasNewBuyers(run) ? await customerGate.EnterAsync(run.Connection.Id, cancellationToken) : null;
        try
        {
            if (gate is not null)
            {
                await ReadRecordedCustomersAsync(run, cancellationToken);
            }

            var takenNames = await ReadAsync(run, cancellationToken);
            var creates = await PlanCustomersAsync(run, takenNames, cancellationToken);
            await WriteAsync(run, creates, gate, cancellationToken);
        }
        finally
        {
            gate?.Dispose();
        }
    }

    private static bool HasNewBuyers(Run run) => run.Work.Any(p => p.Open && !run.CustomerIds.ContainsKey(p.Buyer.Key));

    /// <summary>The customers the ledger records for the chunk's buyers not known yet.</summary>
    private async Task ReadRecordedCustomersAsync(Run run, CancellationToken cancellationToken)
    {
        foreach (var buyer in run.Work.Where(p => p.Open).Select(p => p.Buyer).Where(b => !run.CustomerIds.ContainsKey(b.Key)).DistinctBy(b => b.Key))
        {
            if (await ledger.GetAsync(ShipStationQboKeys.CustomerCreate(run.Connection.Id, buyer.Key), cancellationToken) is { Status: LedgerStatus.Succeeded, TargetId: { } known })
            {
                run.CustomerIds[buyer.Key] = known;
            }
        }
    }

    /// <summary>The reads: existing invoices by DocNumber, unknown buyers by e-mail and by display name (IN queries). Returns the names taken.</summary>
    private async Task<HashSet<string>> ReadAsync(Run run, CancellationToken cancellationToken)
    {
        var connectionId = run.Connection.Id;
        var open = run.Work.Where(p => p.Open).ToList();
        var unknown = open.Select(p => p.Buyer).Where(b => !run.CustomerIds.ContainsKey(b.Key)).DistinctBy(b => b.Key).ToList();
        var emailSpellings = open.Where(p => p.Buyer.Email is not null && !run.CustomerIds.ContainsKey(p.Buyer.Key))
            .SelectMany(p => new[] { p.Buyer.Email!, p.Order.CustomerEmail?.Trim() ?? p.Buyer.Email! })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var names = unknown.SelectMany(ShipStationQboCustomerNames.Candidates).Distinct(StringComparer.Ordinal).ToList();

        // Three plain queries on the realm's request budget (450/min), not the batch budget (38/min), which the creates need.
        var invoicesRead = qbo.FindInvoicesByDocNumbersAsync(connectionId, [.. open.Select(p => p.Order.OrderNumber)], cancellationToken);
        var emailsRead = qbo.FindCustomersInAsync(connectionId, "PrimaryEmailAddr", emailSpellings, cancellationToken);
        var namesRead = qbo.FindCustomersInAsync(connectionId, "DisplayName", names, cancellationToken);
        await Task.WhenAll(invoicesRead, emailsRead, namesRead);

        // Invoices that exist (a crashed or lost earlier write): record them, create nothing.
        var byDocNumber = (await invoicesRead).Where(i => i.DocNumber is not null && i.Id is not null)
            .GroupBy(i => i.DocNumber!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(i => NumericId(i.Id!)).First().Id!, StringComparer.Ordinal);
        foreach (var pending in open.Where(p => byDocNumber.ContainsKey(p.Order.OrderNumber)))
        {
            var invoiceId = byDocNumber[pending.Order.OrderNumber];
            await ledger.CompleteAsync(pending.Claim, invoiceId, cancellationToken);
            pending.Open = false;
            run.Existing++;
            await AuditAsync(run, pending.Order.OrderNumber, AuditOutcome.Skipped, invoiceId, $"Invoice {pending.Order.OrderNumber} already exists; not created again.", cancellationToken);
        }

        var byEmail = await emailsRead;
        var byName = await namesRead;
        foreach (var buyer in unknown)
        {
            var found = buyer.Email is { } email
                ? customers.PickByEmail(connectionId, [.. byEmail.Where(c => c.Active && string.Equals(c.PrimaryEmailAddr?.Address?.Trim(), email, StringComparison.OrdinalIgnoreCase))])
                : byName.FirstOrDefault(c => ShipStationQboCustomerResolver.IsMarkedCustomer(c, buyer))?.Id;
            if (found is not null)
            {
                run.CustomerIds[buyer.Key] = found;
                await customers.RecordAsync(connectionId, buyer, found, cancellationToken);
            }
        }

        return byName.Select(c => c.DisplayName).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The customer creates: one per buyer still unknown, each at the first of its names nobody holds. Returns those to
    /// send in the page's batches; when the batch budget is the scarcer and packing them costs batches
    /// (<see cref="CreatesOneByOne"/>), they are sent now as single requests and none is returned.
    /// </summary>
    private async Task<List<CustomerCreate>> PlanCustomersAsync(Run run, HashSet<string> takenNames, CancellationToken cancellationToken)
    {
        var connectionId = run.Connection.Id;
        var creates = new List<CustomerCreate>();
        var fallback = new List<PendingOrder>();
        foreach (var first in run.Work.Where(p => p.Open && !run.CustomerIds.ContainsKey(p.Buyer.Key)).DistinctBy(p => p.Buyer.Key))
        {
            var names = ShipStationQboCustomerNames.Candidates(first.Buyer);
            var nameIndex = -1;
            for (var i = 0; i < names.Count && nameIndex < 0; i++)
            {
                nameIndex = takenNames.Add(names[i]) ? i : -1;
            }

            if (nameIndex < 0)
            {
                fallback.Add(first);
                continue;
            }

            creates.Add(new CustomerCreate(first, ShipStationQboMapper.ToCustomer(first.Order) with { DisplayName = names[nameIndex] }, nameIndex));
        }

        await ResolveAsync(run, fallback, cancellationToken);
        if (creates.Count == 0)
        {
            return creates;
        }

        // Packed with the invoices, the creates cost only the batches they add to the invoices' own (often none: they
        // fill the page's last, partial batch); one by one, a request each.
        var open = run.Work.Where(p => p.Open).ToList();
        var packed = QboWritePacking.CountBatches(open.Count(p => run.CustomerIds.ContainsKey(p.Buyer.Key)), [.. creates.Select(c => open.Count(p => p.Buyer.Key == c.First.Buyer.Key))], qbo.BatchMaxItems);
        var invoicesOnly = QboWritePacking.Batches(open.Count, qbo.BatchMaxItems);
        var budget = await qbo.GetBudgetAsync(connectionId, cancellationToken);
        var oneByOne = packed > invoicesOnly && CreatesOneByOne(budget, creates.Count);
        logger.CustomerCreatePathChosen(connectionId, creates.Count, oneByOne ? "single requests" : "the page's batches", budget.Requests, budget.Batches);
        if (!oneByOne)
        {
            return creates;
        }

        var created = await Task.WhenAll(creates.Select(c => CreateOneAsync(connectionId, c, cancellationToken)));
        await RecordCreatesAsync(run, creates, created, fallback, cancellationToken);
        await ResolveAsync(run, fallback, cancellationToken);
        return [];
    }

    /// <summary>Records each create's customer; a create QBO refused goes to <paramref name="fallback"/>.</summary>
    private async Task RecordCreatesAsync(Run run, IReadOnlyList<CustomerCreate> creates, string?[] created, List<PendingOrder> fallback, CancellationToken cancellationToken)
    {
        fallback.Clear();
        for (var i = 0; i < creates.Count; i++)
        {
            var buyer = creates[i].First.Buyer;
            if (created[i] is { } createdId)
            {
                run.CustomerIds[buyer.Key] = createdId;
                await customers.RecordAsync(run.Connection.Id, buyer, createdId, cancellationToken);
            }
            else
            {
                fallback.Add(creates[i].First);
            }
        }
    }

    /// <summary>
    /// A create that faulted (6240: a racing run of the same buyer, or a vendor or employee holding the name), or a buyer
    /// with no free name: the per-buyer resolver queries again and takes the buyer's next name, and fails the buyer's
    /// orders only when every name is held by someone else.
    /// </summary>
    private async Task ResolveAsync(Run run, List<PendingOrder> fallback, CancellationToken cancellationToken)
    {
        foreach (var first in fallback)
        {
            try
            {
                run.CustomerIds[first.Buyer.Key] = (await customers.EnsureAsync(run.Connection.Id, first.Order, cancellationToken)).CustomerId;
            }
            catch (ConnectorException ex) when (!QboBatchAttempts.IsOutcomeUnknown(ex))
            {
                foreach (var pending in run.Work.Where(p => p.Open && p.Buyer.Key == first.Buyer.Key))
                {
                    await FailAsync(run, pending, ex);
                }
            }
        }

        fallback.Clear();
    }

    /// <summary>
    /// True when a chunk's new buyers should be created by single <c>POST customer</c> requests on the realm's request
    /// budget rather than by one customer batch on its batch budget: when the batch budget has less room left, as a share
    /// of its limit, than the request budget would keep after the creates and <see cref="RequestReserve"/>. So under load
    /// both budgets are spent in proportion and run out together (the invoice batches need the batch budget, which nothing
    /// else can replace), and with both budgets untouched the cheaper single batch is used.
    /// </summary>
    /// <param name="budget">The realm's room now.</param>
    /// <param name="newBuyers">The customers to create.</param>
    /// <returns>Whether to create them one by one.</returns>
    internal static bool CreatesOneByOne(QboRealmBudget budget, int newBuyers)
    {
        var requestsLeft = budget.Requests - newBuyers - RequestReserve;
        return requestsLeft > 0 && (long)requestsLeft * budget.BatchLimit > (long)budget.Batches * budget.RequestLimit;
    }

    /// <summary>One buyer's create as a single request; the customer's Id, or null when QBO refused it (the resolver takes over).</summary>
    private async Task<string?> CreateOneAsync(string connectionId, CustomerCreate create, CancellationToken cancellationToken)
    {
        // The request id repeats for the same buyer, order and name, so a retry of a create whose answer was lost (here
        // or in the resolver) returns the customer created the first time.
        var requestId = ShipStationQboKeys.CustomerCreateRequestId(connectionId, create.First.Buyer.Key, create.First.Order.OrderNumber, create.NameIndex);
        try
        {
            return (await qbo.CreateCustomerAsync(connectionId, create.Customer, requestId, cancellationToken)).Id;
        }
        catch (ConnectorException ex) when (!QboBatchAttempts.IsOutcomeUnknown(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// The page's batches (<see cref="QboWritePacking"/>): each carries the creates still to send, then the invoices of the
    /// buyers whose customer exists, up to 30 items. An invoice's fault fails that order only; a create's fault sends its
    /// buyer to the resolver before the next batch. A batch that fails as a whole throws (the attempt starts again at the
    /// reads). The customer gate is left once no create is left.
    /// </summary>
    private async Task WriteAsync(Run run, List<CustomerCreate> creates, IDisposable? gate, CancellationToken cancellationToken)
    {
        var connectionId = run.Connection.Id;
        var fallback = new List<PendingOrder>();
        while (true)
        {
            if (creates.Count == 0)
            {
                gate?.Dispose();
            }

            var ready = run.Work.Where(p => p.Open && run.CustomerIds.ContainsKey(p.Buyer.Key)).ToList();
            var (batchCreates, invoices) = QboWritePacking.Next(creates, ready, qbo.BatchMaxItems);
            if (batchCreates.Count + invoices.Count == 0)
            {
                return;
            }

            creates.RemoveRange(0, batchCreates.Count);
            var items = new List<QboBatchItem>(batchCreates.Count + invoices.Count);
            items.AddRange(batchCreates.Select((c, i) => QboBatchItem.Create(Bid(i), c.Customer)));
            items.AddRange(invoices.Select((p, i) => QboBatchItem.Create(Bid(batchCreates.Count + i), ShipStationQboMapper.ToInvoice(run.Connection, p.Order, run.CustomerIds[p.Buyer.Key]))));
            var results = await qbo.BatchAsync(connectionId, items, cancellationToken);
            await RecordCreatesAsync(run, batchCreates, [.. results.Take(batchCreates.Count).Select(r => r is { Error: null, Customer.Id: { } id } ? id : null)], fallback, cancellationToken);
            for (var i = 0; i < invoices.Count; i++)
            {
                await CompleteInvoiceAsync(run, invoices[i], results[batchCreates.Count + i], cancellationToken);
            }

            await ResolveAsync(run, fallback, cancellationToken);
        }
    }

    private static string Bid(int index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Records an invoice create's outcome: the ledger completed and audited, or the order failed alone.</summary>
    private async Task CompleteInvoiceAsync(Run run, PendingOrder pending, QboBatchItemResult result, CancellationToken cancellationToken)
    {
        if (result is { Error: null, Invoice.Id: { } invoiceId })
        {
            await ledger.CompleteAsync(pending.Claim, invoiceId, cancellationToken);
            pending.Open = false;
            run.Created++;
            await AuditAsync(run, pending.Order.OrderNumber, AuditOutcome.Succeeded, invoiceId, $"Created invoice {pending.Order.OrderNumber} (batch).", cancellationToken);
        }
        else
        {
            var error = result.Error ?? new ConnectorException(QuickBooksOnlineErrorClassifier.ConnectorCode, ErrorKind.Unknown, $"QuickBooks Online answered the create of invoice {pending.Order.OrderNumber} without an invoice.");
            await FailAsync(run, pending, error);
        }
    }

    private async Task FailAsync(Run run, PendingOrder pending, Exception error)
    {
        await QboBatchAttempts.ReleaseAsync(ledger, [pending], error.Message);
        run.Failed.Add(new FailedOrder(pending.Reference, KindOf(error), $"Order {pending.Order.OrderNumber}: {error.Message}"));
    }

    private Task<AuditRecord> AuditAsync(Run run, string orderNumber, AuditOutcome outcome, string? invoiceId, string detail, CancellationToken cancellationToken) =>
        audit.WriteAsync(
            new AuditRecord(run.Connection.Id, InvoiceCreateOperation, outcome) { WorkflowInstanceId = run.WorkflowInstanceId, BusinessKey = orderNumber, VendorReference = invoiceId, Detail = detail },
            cancellationToken);

    private static long NumericId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;

    private sealed class Run(Connection connection, string? workflowInstanceId)
    {
        public Connection Connection { get; } = connection;

        public string? WorkflowInstanceId { get; } = workflowInstanceId;

        public List<PendingOrder> Work { get; } = [];

        public List<FailedOrder> Failed { get; } = [];

        public Dictionary<string, string> CustomerIds { get; } = new(StringComparer.Ordinal);

        public int Created { get; set; }

        public int Existing { get; set; }

        public int Skipped { get; set; }

        public int Busy { get; set; }
    }

    private sealed class PendingOrder(OrderSnapshotRef reference, ShipStationOrder order, ShipStationBuyer buyer, LedgerClaim claim) : ClaimedBatchItem(claim)
    {
        public OrderSnapshotRef Reference { get; } = reference;

        public ShipStationOrder Order { get; } = order;

        public ShipStationBuyer Buyer { get; } = buyer;
    }

    private sealed record CustomerCreate(PendingOrder First, QboCustomer Customer, int NameIndex);

    private sealed record FailedOrder(OrderSnapshotRef Reference, ErrorKind? Kind, string Reason);
}
