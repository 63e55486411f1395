using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Activities;

/// <summary>
/// Posts the shipment's cost to QBO once, per the connection's <c>qbo.costPosting</c>: a Bill to the UPS vendor with one
/// expense line to <c>qbo.expenseAccountId</c>, or a JournalEntry (debit the expense account, credit
/// <c>qbo.journalCreditAccountId</c>). Guarded by the ledger, then a look-up by DocNumber (<c>UPS-{PO number}</c>), then a
/// create with a stable <c>requestid</c>. The transaction date is today's UTC date. Nothing is written to UPS billing.
/// The cost is posted in the shipment's own currency (<see cref="QboPostingCurrency"/>): a charge in another currency than
/// the company's home currency carries <c>CurrencyRef</c> and QBO's exchange rate, or, with multicurrency off, fails as a
/// data error naming the currency; it is never posted as home currency.
/// </summary>
/// <param name="qbo">The QBO client.</param>
/// <param name="connections">The connection store.</param>
/// <param name="shipments">The shipment store.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="time">The clock.</param>
[TargetWrite]
public sealed class QboPostShipmentCostActivity(
    IQuickBooksOnlineClient qbo,
    IConnectionStore connections,
    UpsShipmentStore shipments,
    IIdempotencyLedger ledger,
    IAuditTrail audit,
    TimeProvider time) : IWorkflowActivity<CostPostingRequest, CostPostingResult>
{
    /// <inheritdoc />
    public string Name => nameof(QboPostShipmentCostActivity);

    /// <inheritdoc />
    public async Task<CostPostingResult> RunAsync(WorkflowActivityContext context, CostPostingRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = input.Rated.Plan;
        var connection = await connections.GetAsync(plan.ConnectionId, cancellationToken)
            ?? throw new ConnectorValidationException(IntegrationKinds.QboUps, $"Connection '{plan.ConnectionId}' no longer exists.", field: "connectionId");
        var settings = QboUpsSettings.From(connection);
        var bill = settings.CostPosting == QboUpsNames.PostingBill;
        var template = new AuditRecord(plan.ConnectionId, bill ? "qbo.bill.create" : "qbo.journalentry.create", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = plan.PurchaseOrderId,
        };
        return await audit.RecordStepAsync(
            template,
            async ct =>
            {
                var key = QboUpsKeys.CostPost(plan.ConnectionId, plan.PurchaseOrderId, settings.CostPosting);
                var docNumber = QboUpsMapper.DocNumberFor(plan);
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                var currency = await QboPostingCurrency.ResolveAsync(qbo, plan.ConnectionId, $"PO {plan.PurchaseOrderNumber}", input.Shipment.CurrencyCode, today, ct);
                var result = bill
                    ? await ledger.ExecuteOnceAsync(
                        key,
                        async c => (await qbo.FindBillByDocNumberAsync(plan.ConnectionId, settings.UpsVendorId!, docNumber, c))?.Id,
                        async c => (await qbo.CreateBillAsync(plan.ConnectionId, QboUpsMapper.ToBill(settings, input, today, currency), key.ToRequestId(), c)).Id!,
                        ct)
                    : await ledger.ExecuteOnceAsync(
                        key,
                        async c => (await qbo.FindJournalEntryByDocNumberAsync(plan.ConnectionId, docNumber, c))?.Id,
                        async c => (await qbo.CreateJournalEntryAsync(plan.ConnectionId, QboUpsMapper.ToJournalEntry(settings, input, today, currency), key.ToRequestId(), c)).Id!,
                        ct);
                var entity = bill ? "Bill" : "JournalEntry";
                await shipments.ChangeAsync(plan.ConnectionId, input.Shipment.TrackingNumbers, r => r with { CostEntity = entity, CostEntityId = result.TargetId }, ct);
                var amount = $"{input.Shipment.Charge.ToString("0.00", CultureInfo.InvariantCulture)} {currency.Describe()}";
                return result.Created
                    ? new AuditedResult<CostPostingResult>(new(entity, result.TargetId, true), AuditOutcome.Succeeded, result.TargetId, $"{entity} {docNumber} for PO {plan.PurchaseOrderNumber}: {amount} to account {settings.ExpenseAccountId}.")
                    : new AuditedResult<CostPostingResult>(new(entity, result.TargetId, false), AuditOutcome.Skipped, result.TargetId, $"{entity} {docNumber} already exists; not created again.");
            },
            cancellationToken);
    }
}
