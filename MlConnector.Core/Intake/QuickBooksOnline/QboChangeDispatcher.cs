using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>
/// The one path from a QBO entity change to an integration's <see cref="IQboChangeHandler"/>, used by the webhook
/// endpoint and the CDC reconciliation alike. Each (connection, event id) is dispatched once: the idempotency ledger
/// (key: connection, <c>qbo</c>, <see cref="QboEntityChange.EventId"/>, <c>qbo.change.dispatch</c>; Table Storage, ETag
/// checked) records the handler's answer, so a redelivered webhook, or the CDC finding of a change a legacy webhook
/// already delivered (same event id), is a duplicate without calling the handler. A CloudEvents delivery and the CDC
/// finding of the same change have different ids; the handler's deterministic workflow id makes that second one a
/// duplicate.
/// </summary>
/// <remarks>
/// A handler that throws leaves its ledger row failed, so the next delivery or reconcile pass dispatches the change again.
/// A row another delivery holds right now throws a transient <see cref="Errors.ConnectorException"/> (retry later).
/// </remarks>
/// <param name="handlers">The registered handlers, one per integration kind.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="logger">The logger.</param>
public sealed class QboChangeDispatcher(
    IEnumerable<IQboChangeHandler> handlers,
    IIdempotencyLedger ledger,
    IAuditTrail audit,
    ILogger<QboChangeDispatcher> logger)
{
    private readonly Dictionary<string, IQboChangeHandler> _handlers = IntegrationHandlerIndex.Build(handlers, h => h.IntegrationKind);

    /// <summary>The handler of an integration kind, or null when that kind does not listen to QBO changes.</summary>
    /// <param name="integrationKind">The connection's kind.</param>
    /// <returns>The handler.</returns>
    public IQboChangeHandler? FindHandler(string integrationKind)
    {
        ArgumentNullException.ThrowIfNull(integrationKind);
        return _handlers.GetValueOrDefault(integrationKind);
    }

    /// <summary>True when the handler acts on the entity (names compared case-insensitively).</summary>
    /// <param name="handler">The handler.</param>
    /// <param name="entityName">QBO's entity name.</param>
    /// <returns>Whether the change is the handler's business.</returns>
    public static bool Handles(IQboChangeHandler handler, string entityName)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return handler.EntityNames.Contains(entityName, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Dispatches one change to one connection's handler, once per event id, and audits the outcome.</summary>
    /// <param name="connection">The connection serving the change's realm.</param>
    /// <param name="handler">Its handler (see <see cref="FindHandler"/>).</param>
    /// <param name="change">The change.</param>
    /// <param name="channel">How the change arrived (for the audit row).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The handler's answer; <see cref="QboChangeDispatchOutcome.Duplicate"/> without calling it when the event
    /// was dispatched before.</returns>
    /// <exception cref="Errors.ConnectorException">Transient when another delivery is dispatching the same event right now;
    /// otherwise whatever the handler threw (audited as failed).</exception>
    public async Task<QboChangeDispatch> DispatchAsync(Connection connection, IQboChangeHandler handler, QboEntityChange change, QboChangeChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(change);
        var operation = channel == QboChangeChannel.Webhook ? QboEventsNames.WebhookOperation : QboEventsNames.CdcOperation;
        var businessKey = $"{change.EntityName}:{change.EntityId}";
        var key = new LedgerKey(connection.Id, QboEventsNames.System, change.EventId, QboEventsNames.DispatchOperation);
        QboChangeDispatch? dispatched = null;
        IdempotentWriteResult written;
        try
        {
            written = await ledger.ExecuteOnceAsync(
                key,
                _ => Task.FromResult<string?>(null),
                async ct =>
                {
                    dispatched = await handler.DispatchAsync(connection, change, ct)
                        ?? throw new InvalidOperationException($"The {handler.IntegrationKind} QBO change handler returned no result.");
                    return dispatched.InstanceId is { Length: > 0 } id ? id : dispatched.Outcome.ToString();
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            QboEventsLog.DispatchFailed(logger, ex, connection.Id, change.EntityName, change.EntityId, change.Operation);
            await audit.WriteAsync(
                new AuditRecord(connection.Id, operation, AuditOutcome.Failed)
                {
                    BusinessKey = businessKey,
                    ErrorKind = (ex as Errors.ConnectorException)?.Kind ?? Errors.ErrorKind.Unknown,
                    Detail = $"{change.Operation} of {businessKey} (event {change.EventId}) could not be dispatched: {ex.Message}",
                },
                CancellationToken.None);
            throw;
        }

        var result = written.Created && dispatched is not null
            ? dispatched
            : new QboChangeDispatch(
                QboChangeDispatchOutcome.Duplicate,
                Enum.TryParse<QboChangeDispatchOutcome>(written.TargetId, out _) ? null : written.TargetId,
                "Event already dispatched; redelivery suppressed.");
        QboEventsLog.Dispatched(logger, connection.Id, channel, change.EntityName, change.EntityId, change.Operation, result.Outcome);
        await audit.WriteAsync(
            new AuditRecord(connection.Id, operation, result.Outcome == QboChangeDispatchOutcome.Started ? AuditOutcome.Succeeded : AuditOutcome.Skipped)
            {
                BusinessKey = businessKey,
                WorkflowInstanceId = result.InstanceId,
                VendorReference = change.EntityId,
                Detail = $"{change.Operation} of {businessKey} (event {change.EventId}): {result.Outcome}{(result.Note is null ? string.Empty : " — " + result.Note)}",
            },
            cancellationToken);
        return result;
    }
}
