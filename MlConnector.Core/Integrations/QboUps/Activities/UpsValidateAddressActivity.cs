using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboUps.Activities;

/// <summary>
/// Validates the ship-to address with UPS Address Validation before anything is posted. A valid address passes; an
/// ambiguous one (the candidates are written to the audit trail) or one without candidates halts the shipment with a
/// data error, so the record is Failed, visible and replayable once the address is corrected in QBO.
/// </summary>
/// <param name="ups">The UPS client.</param>
/// <param name="audit">The audit trail.</param>
public sealed class UpsValidateAddressActivity(IUpsClient ups, IAuditTrail audit) : IWorkflowActivity<ShipmentPlan, UpsAddressValidation>
{
    /// <inheritdoc />
    public string Name => nameof(UpsValidateAddressActivity);

    /// <inheritdoc />
    public Task<UpsAddressValidation> RunAsync(WorkflowActivityContext context, ShipmentPlan input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var template = new AuditRecord(input.ConnectionId, "ups.address.validate", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = input.PurchaseOrderId,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var shipTo = input.Request.ShipTo;
                var result = await ups.ValidateAddressAsync(input.ConnectionId, shipTo, ct);
                var asked = Describe(shipTo);
                switch (result.Classification)
                {
                    case UpsAddressClassification.Valid:
                        return new AuditedResult<UpsAddressValidation>(result, AuditOutcome.Succeeded, null, $"PO {input.PurchaseOrderNumber}: ship-to address valid ({asked}).");
                    case UpsAddressClassification.Ambiguous:
                        var candidates = string.Join(" | ", result.Candidates.Select(Describe));
                        throw new ConnectorValidationException(
                            IntegrationKinds.QboUps,
                            $"PO {input.PurchaseOrderNumber}: UPS finds the ship-to address ambiguous ({asked}); {result.Candidates.Count} candidates: {candidates}. Correct ShipAddr in QuickBooks Online and replay.",
                            field: "ShipAddr");
                    default:
                        throw new ConnectorValidationException(
                            IntegrationKinds.QboUps,
                            $"PO {input.PurchaseOrderNumber}: UPS knows no address like the ship-to address ({asked}). Correct ShipAddr in QuickBooks Online and replay.",
                            field: "ShipAddr");
                }
            },
            cancellationToken);
    }

    private static string Describe(UpsAddress address) =>
        $"{string.Join(", ", address.AddressLines)}, {address.City}, {address.StateProvinceCode} {address.PostalCode}, {address.CountryCode}";
}
