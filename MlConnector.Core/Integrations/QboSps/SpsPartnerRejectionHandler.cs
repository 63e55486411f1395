using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// A trading partner's later rejection of an 810 or 856 that SPS had accepted, kept apart from SPS's own errors (which fail
/// the upload itself): error class <see cref="ErrorKind.PartnerRejected"/> (<c>partner-rejected</c>).
/// </summary>
/// <remarks>
/// <para>How a rejection reaches us is not in any stored SPS contract: contracts/sps-commerce holds no 824 Application Advice or
/// 997 schema or sample, and PROTOCOL-NOTES §6 lists only that <c>GET /transactions/v5/history</c> exists, with no shape.
/// Assumed here (and served so by the sandbox simulator): a history entry whose <c>status</c> is <c>rejected</c>, naming the
/// upload's <c>path</c>, <c>tradingPartnerId</c>, <c>documentNumber</c> and the reason in <c>detail</c>
/// (<see cref="SpsHistoryEntry"/>). A second source (an 824 in <c>data/out/</c>) would be another finder feeding the same workflow.</para>
/// <para>The SPS poll (<see cref="QboSpsOrderPollJob"/>) reads the history and starts one <see cref="SpsPartnerRejectionWorkflow"/>
/// per rejected path (<see cref="InstanceId"/>). Its first run writes the document's audit row (failed, partner-rejected:
/// partner, document type and number, SPS path, QBO invoice id, reason) and fails, so the rejection is on the operators'
/// failure view with what to fix. After the merchant corrects the invoice in QBO, a replay of that failure sends the
/// invoice's current state as a correction (<see cref="SpsDocumentUploader.UploadOnceAsync"/> with <c>resend</c>), once per
/// distinct content.</para>
/// </remarks>
/// <param name="qbo">The QBO client.</param>
/// <param name="invoices">The 810 sender.</param>
/// <param name="shipNotices">The 856 sender.</param>
/// <param name="audit">The audit trail.</param>
public sealed class SpsPartnerRejectionHandler(IQuickBooksOnlineClient qbo, SpsInvoiceSender invoices, SpsShipNoticeSender shipNotices, IAuditTrail audit)
{
    /// <summary>The audit operation of a partner rejection and of its resend.</summary>
    public const string Operation = "sps.partner-rejection";

    /// <summary>The workflow instance id of one rejected upload.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="path">The rejected upload's SPS path.</param>
    /// <returns>The instance id.</returns>
    public static string InstanceId(string connectionId, string path) => WorkflowInstanceId.For("qbo-sps-rejected", connectionId, path.TrimStart('/'));

    /// <summary>Reads the SPS history of a connection and starts one rejection workflow per rejected upload (once per path).</summary>
    /// <param name="sps">The SPS client.</param>
    /// <param name="workflows">The workflow client.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many rejections this call started workflows for (already started ones are not counted).</returns>
    public static async Task<int> StartNewAsync(ISpsCommerceClient sps, IWorkflowClient workflows, string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sps);
        ArgumentNullException.ThrowIfNull(workflows);
        var started = 0;
        var history = await sps.GetHistoryAsync(connectionId, cancellationToken);
        foreach (var entry in history.Entries().Where(e => e.IsRejected && e.Path.StartsWith("in/", StringComparison.Ordinal)))
        {
            var input = new SpsRejectedDocument(connectionId, entry.Path, entry.TradingPartnerId, entry.DocumentNumber, entry.Detail);
            var start = await workflows.StartAsync(nameof(SpsPartnerRejectionWorkflow), InstanceId(connectionId, entry.Path), input, cancellationToken);
            started += start.IsDuplicate ? 0 : 1;
        }

        return started;
    }

    /// <summary>The EDI document type of an outbound path: <c>810</c> for <c>IN-</c> files, <c>856</c> for <c>SH-</c> files.</summary>
    /// <param name="path">The SPS path.</param>
    /// <returns>The type, or null for a file ml-connector did not name.</returns>
    public static string? DocumentType(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.StartsWith("IN-", StringComparison.Ordinal) ? "810" : name.StartsWith("SH-", StringComparison.Ordinal) ? "856" : null;
    }

    /// <summary>Records the rejection (first run) or resends the correction (a replay); see the class remarks.</summary>
    /// <param name="rejected">The rejected document.</param>
    /// <param name="workflowInstanceId">The calling instance: the root id records, a replay's id (<c>…:r1</c>) resends.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What the replay resent.</returns>
    /// <exception cref="ConnectorException">Kind <see cref="ErrorKind.PartnerRejected"/> on the first run, or when there is nothing to resend.</exception>
    public async Task<SpsRejectionResult> HandleAsync(SpsRejectedDocument rejected, string? workflowInstanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var type = DocumentType(rejected.Path) ?? "document";
        var invoice = rejected.DocumentNumber is { Length: > 0 } number ? await qbo.FindInvoiceByDocNumberAsync(rejected.ConnectionId, number, cancellationToken) : null;
        var businessKey = $"{rejected.TradingPartnerId ?? "-"}/{rejected.DocumentNumber ?? rejected.Path}";
        var replay = workflowInstanceId is not null && workflowInstanceId != InstanceId(rejected.ConnectionId, rejected.Path);
        if (!replay || invoice?.Id is null)
        {
            var problem = $"Trading partner {rejected.TradingPartnerId ?? "(unknown)"} rejected {type} {rejected.DocumentNumber ?? "-"} ({rejected.Path}, QBO invoice {invoice?.Id ?? "not found"}) after SPS accepted it: {rejected.Reason ?? "no reason given"}";
            var fix = invoice?.Id is null ? " The QBO invoice was not found by its number; nothing can be resent." : $" Correct QBO invoice {rejected.DocumentNumber}, then replay to send the corrected {type}.";
            await audit.WriteAsync(
                new AuditRecord(rejected.ConnectionId, Operation, AuditOutcome.Failed)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = businessKey,
                    VendorReference = rejected.Path,
                    ErrorKind = ErrorKind.PartnerRejected,
                    Detail = problem + fix,
                },
                cancellationToken);
            throw new ConnectorException(IntegrationKinds.QboSps, ErrorKind.PartnerRejected, problem + fix);
        }

        var source = new QboInvoiceRef(rejected.ConnectionId, invoice.Id);
        string? path;
        bool uploaded;
        if (type == "856")
        {
            var sent = await shipNotices.SendAsync(source, workflowInstanceId, resend: true, cancellationToken);
            (path, uploaded) = (sent.Path, sent.Uploaded);
        }
        else
        {
            var sent = await invoices.SendAsync(source, workflowInstanceId, resend: true, cancellationToken);
            (path, uploaded) = (sent.Path, sent.Uploaded);
        }

        await audit.WriteAsync(
            new AuditRecord(rejected.ConnectionId, Operation, path is null ? AuditOutcome.Skipped : AuditOutcome.Succeeded)
            {
                WorkflowInstanceId = workflowInstanceId,
                BusinessKey = businessKey,
                VendorReference = path ?? rejected.Path,
                Detail = path is null
                    ? $"Replay of the rejected {type} {rejected.Path}: QBO invoice {invoice.Id} has nothing to send."
                    : $"Replay of the rejected {type} {rejected.Path}: the corrected {type} from QBO invoice {invoice.Id} is {path}{(uploaded ? string.Empty : " (uploaded before)")}.",
            },
            cancellationToken);
        return new SpsRejectionResult(rejected.Path, path, uploaded);
    }
}
