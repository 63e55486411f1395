using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Activities;

/// <summary>Rates the planned shipment for its service (UPS Rating, Rate) and records the quote in the audit trail.</summary>
/// <param name="ups">The UPS client.</param>
/// <param name="audit">The audit trail.</param>
public sealed class UpsRateShipmentActivity(IUpsClient ups, IAuditTrail audit) : IWorkflowActivity<ShipmentPlan, RatedPlan>
{
    /// <inheritdoc />
    public string Name => nameof(UpsRateShipmentActivity);

    /// <inheritdoc />
    public Task<RatedPlan> RunAsync(WorkflowActivityContext context, ShipmentPlan input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var template = new AuditRecord(input.ConnectionId, "ups.rate.quote", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = input.PurchaseOrderId,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var quotes = await ups.RateAsync(input.ConnectionId, input.Request, shop: false, ct);
                var quote = quotes.FirstOrDefault(q => q.ServiceCode == input.Request.ServiceCode) ?? (quotes.Count > 0 ? quotes[0] : null)
                    ?? throw new ConnectorValidationException(IntegrationKinds.QboUps, $"PO {input.PurchaseOrderNumber}: UPS returned no rate for service {input.Request.ServiceCode}.", field: "serviceCode");
                var negotiated = quote.NegotiatedCharge is { } n ? $", negotiated {n.ToString("0.00", CultureInfo.InvariantCulture)}" : string.Empty;
                return new AuditedResult<RatedPlan>(
                    new RatedPlan(input, quote),
                    AuditOutcome.Succeeded,
                    null,
                    $"PO {input.PurchaseOrderNumber}: UPS service {quote.ServiceCode} quoted {quote.TotalCharge.ToString("0.00", CultureInfo.InvariantCulture)} {quote.CurrencyCode}{negotiated}.");
            },
            cancellationToken);
    }
}
