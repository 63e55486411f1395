using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps.Activities;

/// <summary>
/// Reads the invoice and its client by GET (webhooks carry only the id) and the client's UPS data from the secret store,
/// and turns a flagged invoice into a UPS shipment plan. A deleted or unflagged invoice is skipped with a reason; an
/// incomplete address is a data error naming it. Audit operation <c>freshbooks.invoice.read</c>.
/// </summary>
/// <param name="client">The FreshBooks client.</param>
/// <param name="connections">The connection store.</param>
/// <param name="clientData">The FreshBooks clients' UPS data.</param>
/// <param name="audit">The audit trail.</param>
public sealed class FbReadInvoiceActivity(IFreshBooksClient client, IConnectionStore connections, FreshBooksClientUpsStore clientData, IAuditTrail audit) : IWorkflowActivity<FreshBooksInvoiceRef, FreshBooksShipmentPlanResult>
{
    /// <inheritdoc />
    public string Name => nameof(FbReadInvoiceActivity);

    /// <inheritdoc />
    public Task<FreshBooksShipmentPlanResult> RunAsync(WorkflowActivityContext context, FreshBooksInvoiceRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var key = input.InvoiceId.ToString(CultureInfo.InvariantCulture);
        var template = new AuditRecord(input.ConnectionId, "freshbooks.invoice.read", AuditOutcome.Started) { WorkflowInstanceId = context.InstanceId, BusinessKey = key };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var connection = await connections.GetAsync(input.ConnectionId, ct)
                    ?? throw new ConnectorValidationException(IntegrationKinds.FreshBooksUps, $"Connection '{input.ConnectionId}' no longer exists.", field: "connectionId");
                var settings = FreshBooksUpsSettings.From(connection);
                var invoice = await client.GetInvoiceAsync(input.ConnectionId, input.InvoiceId, ct);
                var number = FreshBooksUpsMapper.SourceOf(invoice).Describe();
                if (!settings.IsFlagged(invoice))
                {
                    var reason = invoice.Deleted ? $"{number} is deleted or archived." : $"{number} is not flagged for shipping ({settings.DescribeFlag()}).";
                    return new AuditedResult<FreshBooksShipmentPlanResult>(new(null, reason), AuditOutcome.Skipped, key, reason + " Nothing shipped.");
                }

                var customer = await client.GetCustomerAsync(input.ConnectionId, invoice.CustomerId, ct);
                var data = await clientData.GetAsync(input.ConnectionId, invoice.CustomerId, ct);
                var plan = FreshBooksUpsMapper.ToPlan(connection, settings, invoice, customer, data);
                var request = plan.Request;
                return new AuditedResult<FreshBooksShipmentPlanResult>(
                    new(plan, null),
                    AuditOutcome.Succeeded,
                    key,
                    $"{number}: UPS service {request.ServiceCode}, {request.Packages.Sum(p => p.Weight).ToString(CultureInfo.InvariantCulture)} lb, to {request.ShipTo.City} {request.ShipTo.PostalCode}{(data.ShipTo is null ? string.Empty : " (the client's ship-to override)")}{(data.ShipperAccount is null ? string.Empty : ", on the client's own UPS account")}.");
            },
            cancellationToken);
    }
}
