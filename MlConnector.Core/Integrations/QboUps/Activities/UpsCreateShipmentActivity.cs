using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Activities;

/// <summary>
/// Creates the purchase order's UPS shipment exactly once. UPS's Ship call is not idempotent and has no look-up by our
/// reference, so the guard is ours: the ledger first, then our own shipment rows for the PO, and only then the Ship call,
/// whose result is written to the shipment table before anything else (labels go to blob storage after). The one window
/// left is a crash between UPS's answer and that first write; a shipment created there shows in UPS but not here, and is
/// voidable (documented in docs/integrations/qbo-ups.md).
/// </summary>
/// <param name="ups">The UPS client.</param>
/// <param name="shipments">The shipment store.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="time">The clock.</param>
[TargetWrite]
public sealed class UpsCreateShipmentActivity(IUpsClient ups, UpsShipmentStore shipments, IIdempotencyLedger ledger, IAuditTrail audit, TimeProvider time)
    : IWorkflowActivity<RatedPlan, ShipmentCreated>
{
    /// <inheritdoc />
    public string Name => nameof(UpsCreateShipmentActivity);

    /// <inheritdoc />
    public Task<ShipmentCreated> RunAsync(WorkflowActivityContext context, RatedPlan input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = input.Plan;
        var template = new AuditRecord(plan.ConnectionId, "ups.shipment.create", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = plan.PurchaseOrderId,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var result = await ledger.ExecuteOnceAsync(
                    QboUpsKeys.ShipmentCreate(plan.ConnectionId, plan.PurchaseOrderId),
                    async c => (await shipments.GetByPurchaseOrderAsync(plan.ConnectionId, plan.PurchaseOrderId, c)) is [var first, ..] ? first.ShipmentIdentificationNumber : null,
                    async c => await CreateAsync(input, c),
                    ct);
                var rows = await shipments.GetByPurchaseOrderAsync(plan.ConnectionId, plan.PurchaseOrderId, ct);
                var mine = rows.Where(r => r.ShipmentIdentificationNumber == result.TargetId).OrderBy(r => r.TrackingNumber, StringComparer.Ordinal).ToList();
                if (mine.Count == 0)
                {
                    throw new ConnectorException(Connections.IntegrationKinds.QboUps, ErrorKind.Unknown, $"PO {plan.PurchaseOrderNumber}: the ledger names UPS shipment {result.TargetId} but its rows are missing.");
                }

                var created = new ShipmentCreated(result.TargetId, [.. mine.Select(r => r.TrackingNumber)], mine[0].Charge, mine[0].CurrencyCode, result.Created);
                var detail = $"PO {plan.PurchaseOrderNumber}: UPS shipment {created.ShipmentIdentificationNumber}, tracking {string.Join(", ", created.TrackingNumbers)}, "
                    + $"charge {created.Charge.ToString("0.00", CultureInfo.InvariantCulture)} {created.CurrencyCode}.";
                return result.Created
                    ? new AuditedResult<ShipmentCreated>(created, AuditOutcome.Succeeded, created.ShipmentIdentificationNumber, detail)
                    : new AuditedResult<ShipmentCreated>(created, AuditOutcome.Skipped, created.ShipmentIdentificationNumber, "Already shipped; not created again. " + detail);
            },
            cancellationToken);
    }

    private async Task<string> CreateAsync(RatedPlan input, CancellationToken cancellationToken)
    {
        var plan = input.Plan;
        var shipment = await ups.CreateShipmentAsync(plan.ConnectionId, plan.Request, cancellationToken);
        var now = time.GetUtcNow();
        var rows = shipment.Packages.Select(p => new UpsShipmentRecord
        {
            ConnectionId = plan.ConnectionId,
            TrackingNumber = p.TrackingNumber,
            PurchaseOrderId = plan.PurchaseOrderId,
            PurchaseOrderNumber = plan.PurchaseOrderNumber,
            ShipmentIdentificationNumber = shipment.ShipmentIdentificationNumber,
            ServiceCode = plan.Request.ServiceCode,
            Charge = shipment.BillableCharge,
            CurrencyCode = shipment.CurrencyCode,
            StatusText = "Label created",
            StatusType = "M",
            CreatedUtc = now,
        }).ToList();

        // The rows first: they are what finds this shipment again if anything after this fails.
        await shipments.SaveAsync(rows, cancellationToken);
        foreach (var package in shipment.Packages.Where(p => !p.LabelImage.IsEmpty))
        {
            var path = await shipments.SaveLabelAsync(plan.ConnectionId, plan.PurchaseOrderId, package.TrackingNumber, package.LabelFormat, package.LabelImage, cancellationToken);
            await shipments.ChangeAsync(plan.ConnectionId, [package.TrackingNumber], r => r with { LabelBlobPath = path }, cancellationToken);
        }

        return shipment.ShipmentIdentificationNumber;
    }
}
