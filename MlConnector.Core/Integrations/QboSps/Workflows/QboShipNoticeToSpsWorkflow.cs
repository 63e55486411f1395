using MlConnector.Core.Integrations.QboSps.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps.Workflows;

/// <summary>
/// "QBO shipment confirmation → SPS 856": one activity that reads the invoice and, when it is linked to an SPS PO and has
/// shipped (<c>ShipDate</c> / <c>TrackingNum</c>), builds, validates and uploads the ship notice once. One instance per
/// connection, invoice and change (<see cref="QboSpsChangeHandler.ShipNoticeInstance"/>), because an invoice gains its
/// tracking in a later update than the one that sent its 810; the ledger (partner/ASN number) keeps the 856 to one upload.
/// </summary>
public sealed class QboShipNoticeToSpsWorkflow : IWorkflow<QboInvoiceRef, SpsShipNoticeSendResult>
{
    /// <inheritdoc />
    public string Name => nameof(QboShipNoticeToSpsWorkflow);

    /// <inheritdoc />
    public async Task<SpsShipNoticeSendResult> RunAsync(IWorkflowContext context, QboInvoiceRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "send", invoiceId = input.InvoiceId });
        var result = await context.CallActivityAsync<SpsShipNoticeSendResult>(nameof(SpsSendShipNoticeActivity), input, WorkflowRetryPolicy.VendorOutage);
        context.SetCustomStatus(new { step = "done", invoiceId = input.InvoiceId, asn = result.AsnNumber, path = result.Path, uploaded = result.Uploaded });
        return result;
    }
}
