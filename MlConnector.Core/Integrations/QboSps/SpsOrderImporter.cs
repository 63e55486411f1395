using System.Security.Cryptography;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Applies one inbound SPS 850 to QBO, exactly once, and acknowledges it at SPS only afterwards.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>The original bytes come from <see cref="SpsDocumentArchive"/> (downloaded once, kept for replay).</item>
/// <item>Unwrap = parse and validate against SPS's Order schema; a document that fails is quarantined: a failed audit row
/// with the reason and the blob name, a <see cref="ConnectorValidationException"/>, and no acknowledgement.</item>
/// <item>Each document is applied once (ledger key partner/PO/SHA-256 of the bytes): the same upload twice writes nothing.</item>
/// <item>The QBO document is a PurchaseOrder, or an Estimate to the partner's customer when the connection's
/// <see cref="QboSpsOrderPosting"/> says so; both follow the same rules. The PO is created once per partner and PO number (ledger key partner/PO, then a QBO DocNumber query with the
/// partner's marker in <c>PrivateNote</c>, then a create with a stable <c>requestid</c>). A revision (<c>TsetPurposeCode</c>
/// <c>05</c>) replaces the lines of the existing PO with its SyncToken; a cancellation (<c>01</c>) closes it; an original
/// for a PO that exists writes nothing.</item>
/// <item>An unmapped partner or item is a data error naming it; that document stays at SPS for a replay after the mapping.</item>
/// </list>
/// </remarks>
/// <param name="sps">The SPS client.</param>
/// <param name="qbo">The QBO client.</param>
/// <param name="connections">The connection store.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="archive">The document archive.</param>
/// <param name="codec">The RSX codec.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="logger">The logger.</param>
public sealed class SpsOrderImporter(
    ISpsCommerceClient sps,
    IQuickBooksOnlineClient qbo,
    IConnectionStore connections,
    IIdempotencyLedger ledger,
    SpsDocumentArchive archive,
    RsxDocumentCodec codec,
    IAuditTrail audit,
    ILogger<SpsOrderImporter> logger)
{
    /// <summary>TsetPurposeCode of a replacement (X12 BEG01 05).</summary>
    public const string ReplacePurpose = "05";

    /// <summary>TsetPurposeCode of a cancellation (X12 BEG01 01).</summary>
    public const string CancelPurpose = "01";

    /// <summary>Imports one 850 into QBO (see the class remarks). Does not acknowledge it.</summary>
    /// <param name="document">The connection and SPS path.</param>
    /// <param name="workflowInstanceId">The calling workflow instance, for the audit row, if any.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ConnectorValidationException">Quarantined (schema), or a mapping is missing.</exception>
    /// <exception cref="ConnectorException">SPS or QBO failed.</exception>
    public async Task<SpsOrderImportResult> ImportAsync(SpsDocumentRef document, string? workflowInstanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (connectionId, path) = (document.ConnectionId, document.Path.TrimStart('/'));
        var bytes = await archive.GetOrDownloadAsync(connectionId, path, ct => sps.DownloadAsync(connectionId, path, ct), cancellationToken);
        var blobName = SpsDocumentArchive.BlobName(connectionId, path);
        RsxOrder order;
        try
        {
            order = await codec.UnwrapAsync(RsxDocumentType.Order, bytes, RsxJsonContext.Default.RsxOrder, cancellationToken);
        }
        catch (ConnectorValidationException ex)
        {
            logger.SpsDocumentQuarantined(path, connectionId, blobName, ex.Message);
            await audit.WriteAsync(
                new AuditRecord(connectionId, QboSpsNames.QuarantineOperation, AuditOutcome.Failed)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = path,
                    VendorReference = path,
                    ErrorKind = ErrorKind.Validation,
                    Detail = $"Quarantined, not acknowledged; original bytes kept at blob {blobName} for replay. {ex.Message}",
                },
                cancellationToken);
            throw new ConnectorValidationException(IntegrationKinds.QboSps, $"SPS document {path} was quarantined: {ex.Message}", ex.Field, innerException: ex);
        }

        var (partner, number) = QboSpsOrderMapper.Identify(order);
        var businessKey = $"{partner}/{number}";
        try
        {
            var connection = await connections.GetAsync(connectionId, cancellationToken)
                ?? throw new ConnectorValidationException(IntegrationKinds.QboSps, $"Connection '{connectionId}' no longer exists.", field: "connectionId");
            var digest = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
            var outcome = SpsOrderImportOutcome.Duplicate;
            var applied = await ledger.ExecuteOnceAsync(
                new LedgerKey(connectionId, SpsCommerceClient.Connector, $"{businessKey}/{digest}", QboSpsNames.ImportOperation),
                _ => Task.FromResult<string?>(null),
                async ct =>
                {
                    (var id, outcome) = await ApplyAsync(connection, order, partner, number, ct);
                    return id;
                },
                cancellationToken);
            var entity = QboSpsOrderPosting.EntityName(QboSpsOrderPosting.Of(connection));
            var result = new SpsOrderImportResult(path, outcome, partner, number, applied.TargetId) { QboEntity = entity };
            logger.SpsOrderImported(path, connectionId, outcome, entity, applied.TargetId, partner, number);
            await audit.WriteAsync(
                new AuditRecord(connectionId, QboSpsNames.ImportOperation, outcome == SpsOrderImportOutcome.Duplicate ? AuditOutcome.Skipped : AuditOutcome.Succeeded)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = businessKey,
                    VendorReference = applied.TargetId,
                    Detail = $"850 {path} (purpose {order.Header.OrderHeader.TsetPurposeCode ?? "-"}, {order.LineItem?.Count ?? 0} lines): {outcome} QBO {entity} {applied.TargetId}; bytes at {blobName}.",
                },
                cancellationToken);
            return result;
        }
        catch (ConnectorException ex) when (!ex.IsTransient)
        {
            await audit.WriteAsync(
                new AuditRecord(connectionId, QboSpsNames.ImportOperation, AuditOutcome.Failed)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = businessKey,
                    VendorReference = path,
                    ErrorKind = ex.Kind,
                    Detail = $"850 {path} not applied and not acknowledged; bytes at {blobName}. {ex.Message}",
                },
                cancellationToken);
            throw;
        }
    }

    /// <summary>Acknowledges (deletes) a document at SPS and audits it. Call only after the import was recorded.</summary>
    /// <param name="document">The connection and SPS path.</param>
    /// <param name="workflowInstanceId">The calling workflow instance, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when SPS removed it.</returns>
    public async Task AcknowledgeAsync(SpsDocumentRef document, string? workflowInstanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await sps.DeleteAsync(document.ConnectionId, document.Path, cancellationToken);
        await audit.WriteAsync(
            new AuditRecord(document.ConnectionId, QboSpsNames.AcknowledgeOperation, AuditOutcome.Succeeded)
            {
                WorkflowInstanceId = workflowInstanceId,
                BusinessKey = document.Path,
                VendorReference = document.Path,
                Detail = "Removed from SPS data/out after the QBO write was recorded.",
            },
            cancellationToken);
    }

    /// <summary>
    /// Creates the QBO document once (ledger, then a DocNumber query with the marker, then a create with a stable
    /// <c>requestid</c>), or applies a revision or cancellation to it with its SyncToken. For an Estimate a cancellation
    /// sets <c>TxnStatus</c> <c>Closed</c> (QboEstimateStatusEnum), after which QBO ignores an invoice's link to it
    /// (Finance.xsd <c>LinkedTxn.TxnId</c>); for a PurchaseOrder it sets <c>POStatus</c> <c>Closed</c>.
    /// </summary>
    private async Task<(string Id, SpsOrderImportOutcome Outcome)> ApplyAsync(Connection connection, RsxOrder order, string partner, string number, CancellationToken cancellationToken)
    {
        var marker = QboSpsOrderMapper.Marker(partner, number);
        var writes = QboSpsOrderPosting.Of(connection) == QboSpsOrderPosting.Estimate
            ? EstimateWrites(connection, order, number, marker)
            : PurchaseOrderWrites(connection, order, number, marker);
        var createKey = new LedgerKey(connection.Id, SpsCommerceClient.Connector, $"{partner}/{number}", writes.Operation);
        var created = await ledger.ExecuteOnceAsync(
            createKey,
            writes.FindAsync,
            async ct => await writes.CreateAsync(createKey.ToRequestId(), ct)
                ?? throw new ConnectorException(IntegrationKinds.QboSps, ErrorKind.Unknown, $"QBO created the document for PO {number} without an Id."),
            cancellationToken);
        if (created.Created)
        {
            return (created.TargetId, SpsOrderImportOutcome.Created);
        }

        switch (order.Header.OrderHeader.TsetPurposeCode)
        {
            case ReplacePurpose:
                await writes.ReplaceAsync(created.TargetId, marker + " (replaced)", cancellationToken);
                return (created.TargetId, SpsOrderImportOutcome.Updated);
            case CancelPurpose:
                await writes.CancelAsync(created.TargetId, marker + " (cancelled by the partner)", cancellationToken);
                return (created.TargetId, SpsOrderImportOutcome.Cancelled);
            default:
                return (created.TargetId, SpsOrderImportOutcome.Duplicate);
        }
    }

    private OrderWrites PurchaseOrderWrites(Connection connection, RsxOrder order, string number, string marker)
    {
        var purchaseOrder = QboSpsOrderMapper.ToPurchaseOrder(connection, order);
        return new(
            "qbo.purchaseorder.create",
            async ct => (await qbo.FindPurchaseOrderByDocNumberAsync(connection.Id, number, po => po.PrivateNote?.Contains(marker, StringComparison.Ordinal) == true, ct))?.Id,
            async (requestId, ct) => (await qbo.CreatePurchaseOrderAsync(connection.Id, purchaseOrder, requestId, ct)).Id,
            (id, note, ct) => qbo.UpdatePurchaseOrderAsync(connection.Id, id, _ => new QboPurchaseOrderUpdate { Line = purchaseOrder.Line, TxnDate = purchaseOrder.TxnDate, PrivateNote = note }, ct),
            (id, note, ct) => qbo.UpdatePurchaseOrderAsync(connection.Id, id, _ => new QboPurchaseOrderUpdate { POStatus = "Closed", PrivateNote = note }, ct));
    }

    private OrderWrites EstimateWrites(Connection connection, RsxOrder order, string number, string marker)
    {
        var estimate = QboSpsOrderMapper.ToEstimate(connection, order);
        return new(
            "qbo.estimate.create",
            async ct => (await qbo.FindEstimateByDocNumberAsync(connection.Id, number, e => e.PrivateNote?.Contains(marker, StringComparison.Ordinal) == true, ct))?.Id,
            async (requestId, ct) => (await qbo.CreateEstimateAsync(connection.Id, estimate, requestId, ct)).Id,
            (id, note, ct) => qbo.UpdateEstimateAsync(connection.Id, id, _ => new QboEstimateUpdate { Line = estimate.Line, TxnDate = estimate.TxnDate, PrivateNote = note }, ct),
            (id, note, ct) => qbo.UpdateEstimateAsync(connection.Id, id, _ => new QboEstimateUpdate { TxnStatus = QboEstimate.ClosedStatus, PrivateNote = note }, ct));
    }

    /// <summary>The QBO calls of one posting: find by DocNumber and marker, create, replace lines, cancel.</summary>
    private sealed record OrderWrites(
        string Operation,
        Func<CancellationToken, Task<string?>> FindAsync,
        Func<string, CancellationToken, Task<string?>> CreateAsync,
        Func<string, string, CancellationToken, Task> ReplaceAsync,
        Func<string, string, CancellationToken, Task> CancelAsync);
}
