using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.FreshBooksUps.Activities;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps.Workflows;

/// <summary>
/// "FreshBooks invoice → UPS shipment": read the invoice and its client by GET, validate the ship-to address with UPS
/// (ambiguous or invalid halts here, before anything ships, with the candidates in the audit row), rate the shipment for
/// the mapped service, create it once (label in blob storage), write the tracking number into the invoice (notes or a
/// line), and subscribe its packages to Track Alert. One instance per invoice id
/// (<see cref="FreshBooksUpsKeys.InvoiceInstance"/>); every step is idempotent, so a replay after the address is corrected
/// in FreshBooks ships once.
/// </summary>
public sealed class FreshBooksInvoiceToUpsShipmentWorkflow : IWorkflow<FreshBooksInvoiceRef, FreshBooksInvoiceShipResult>
{
    /// <summary>Vendor steps retry transient failures, 429s and conflicts with backoff for about an hour.</summary>
    public static readonly WorkflowRetryPolicy VendorRetry = WorkflowRetryPolicy.VendorOutage;

    /// <inheritdoc />
    public string Name => nameof(FreshBooksInvoiceToUpsShipmentWorkflow);

    /// <inheritdoc />
    public async Task<FreshBooksInvoiceShipResult> RunAsync(IWorkflowContext context, FreshBooksInvoiceRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "read", invoiceId = input.InvoiceId });
        var planned = await context.CallActivityAsync<FreshBooksShipmentPlanResult>(nameof(FbReadInvoiceActivity), input, VendorRetry);
        if (planned.Plan is not { } plan)
        {
            context.SetCustomStatus(new { step = "skipped", invoiceId = input.InvoiceId, reason = planned.SkipReason });
            return new FreshBooksInvoiceShipResult(input.InvoiceId, null, [], null, null, planned.SkipReason);
        }

        context.SetCustomStatus(new { step = "address", invoiceId = input.InvoiceId, invoice = plan.Source.Number });
        await context.CallActivityAsync<UpsAddressValidation>(nameof(FbUpsValidateAddressActivity), plan, VendorRetry);

        context.SetCustomStatus(new { step = "rate", invoiceId = input.InvoiceId, invoice = plan.Source.Number });
        await context.CallActivityAsync<UpsRateQuote>(nameof(FbUpsRateShipmentActivity), plan, VendorRetry);

        context.SetCustomStatus(new { step = "ship", invoiceId = input.InvoiceId, invoice = plan.Source.Number });
        var shipment = await context.CallActivityAsync<ShipmentCreated>(nameof(FbUpsCreateShipmentActivity), plan, VendorRetry);

        context.SetCustomStatus(new { step = "tracking", invoiceId = input.InvoiceId, shipment = shipment.ShipmentIdentificationNumber });
        await context.CallActivityAsync<FreshBooksTrackingWriteResult>(nameof(FbWriteTrackingActivity), input, VendorRetry);

        context.SetCustomStatus(new { step = "trackalert", invoiceId = input.InvoiceId, shipment = shipment.ShipmentIdentificationNumber });
        await context.CallActivityAsync<TrackAlertResult>(nameof(FbUpsSubscribeTrackAlertActivity), new TrackAlertRequest(input.ConnectionId, shipment.TrackingNumbers), VendorRetry);

        context.SetCustomStatus(new { step = "done", invoiceId = input.InvoiceId, shipment = shipment.ShipmentIdentificationNumber });
        return new FreshBooksInvoiceShipResult(input.InvoiceId, shipment.ShipmentIdentificationNumber, shipment.TrackingNumbers, shipment.Charge, shipment.CurrencyCode, null);
    }
}
