using Microsoft.Azure.Functions.Worker;
using MlConnector.Core.Integrations.QboSps.Activities;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Activities;

/// <summary>
/// The QBO ↔ SPS Commerce integration's activity functions, one per Core activity and named after it, each one attempt
/// through <see cref="WorkflowActivityInvoker"/>. Never rename one: in-flight instances call them by name.
/// </summary>
/// <param name="runner">Runs one attempt of a Core activity.</param>
/// <param name="importOrder">Core's exactly-once import of an SPS 850 into QBO.</param>
/// <param name="acknowledgeDocument">Core's acknowledgement (delete) of the SPS document after the QBO write.</param>
/// <param name="sendInvoice">Core's exactly-once upload of a QBO invoice as an RSX 810.</param>
/// <param name="sendShipNotice">Core's exactly-once upload of a shipped QBO invoice's RSX 856 ship notice.</param>
/// <param name="handlePartnerRejection">Core's record (or, on a replay, resend) of a trading partner's rejection.</param>
public sealed class QboSpsActivities(
    WorkflowActivityInvoker runner,
    SpsImportOrderActivity importOrder,
    SpsAcknowledgeDocumentActivity acknowledgeDocument,
    SpsSendInvoiceActivity sendInvoice,
    SpsSendShipNoticeActivity sendShipNotice,
    SpsHandlePartnerRejectionActivity handlePartnerRejection)
{
    [Function(nameof(SpsImportOrderActivity))]
    public Task<WorkflowActivityResult> SpsImportOrderAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(importOrder, request, cancellationToken);

    [Function(nameof(SpsAcknowledgeDocumentActivity))]
    public Task<WorkflowActivityResult> SpsAcknowledgeDocumentAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(acknowledgeDocument, request, cancellationToken);

    [Function(nameof(SpsSendInvoiceActivity))]
    public Task<WorkflowActivityResult> SpsSendInvoiceAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(sendInvoice, request, cancellationToken);

    [Function(nameof(SpsSendShipNoticeActivity))]
    public Task<WorkflowActivityResult> SpsSendShipNoticeAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(sendShipNotice, request, cancellationToken);

    [Function(nameof(SpsHandlePartnerRejectionActivity))]
    public Task<WorkflowActivityResult> SpsHandlePartnerRejectionAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(handlePartnerRejection, request, cancellationToken);
}
