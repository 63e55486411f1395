using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;
using MlConnector.Core.Intake;
using MlConnector.Core.Secrets;
using MlConnector.Core.Webhooks;

namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>
/// The QuickBooks Online webhook endpoint, <c>POST /api/webhooks/qbo</c>, shared by both hosts. One URL serves every
/// company connected to the Intuit app: each event is routed by its realm to the connections serving it.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>The raw body is read up to <see cref="MaxBodyBytes"/> (a CloudEvents delivery is up to 100 events, about 1 MB;
/// PROTOCOL-NOTES.md §2); a larger one is refused with 413.</item>
/// <item>Its <c>intuit-signature</c> is checked first, in constant time, against the app's verifier token from the secret
/// store (<see cref="QboEventsOptions.VerifierTokenName"/>; kept a few seconds by <see cref="WebhookVerifierCache"/> and
/// read again before a signature is refused). A missing, forged or malformed signature answers 401 and
/// writes nothing but a log line (no token, no header value). A missing token answers 503.</item>
/// <item>The body is parsed (<see cref="QboWebhookPayload"/>, either format); a malformed one answers 400.</item>
/// <item>A verified, well-formed delivery is recorded by the <see cref="WebhookIntake"/> (one queue message; a body over
/// about 36 KiB goes to a blob first) and answered at once: 200 with a <see cref="WebhookAccepted"/>. Everything below
/// runs off the request path, in <see cref="DispatchAsync"/>.</item>
/// <item>Each event goes to every connection of its realm (<c>IConnectionStore.FindByRoutingKeyAsync("qbo", realmId)</c>):
/// a paused connection's change is dispatched like any other and the workflow it starts is held by the workflow client
/// (<c>ConnectionPauseGate</c>) until the connection resumes, with an audit note; a connection whose kind has no
/// <see cref="IQboChangeHandler"/>, or whose handler does not list the entity, ignores it; otherwise
/// <see cref="QboChangeDispatcher"/> dispatches it once per event id. A realm no connection serves gets an audit note under
/// <see cref="QboEventsNames.UnroutedAuditPartition"/>, once per event id (a redelivery counts on that row; the ShipStation endpoint answers 404 for an unknown connection; a
/// QBO delivery may mix realms, so it is acknowledged and noted instead).</item>
/// <item>Up to <see cref="QboEventsOptions.MaxConcurrentDispatches"/> dispatches run at once; the outcome is logged as a
/// <see cref="QboWebhookReceipt"/>. A failed dispatch is audited and its ledger row left failed; the delivery is then
/// dispatched again by the intake (the other events are duplicates by then), and after its last attempt it is kept in
/// the poison queue while CDC reconciliation also finds the change.</item>
/// </list>
/// </remarks>
/// <param name="intake">Records verified deliveries.</param>
/// <param name="connections">The connection store.</param>
/// <param name="secrets">The secret store (the verifier token).</param>
/// <param name="verifierCache">Keeps the verifier token for a few seconds.</param>
/// <param name="dispatcher">The dispatcher shared with CDC reconciliation.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="options">The intake settings.</param>
/// <param name="timeProvider">The clock (receipt-to-dispatch latency).</param>
/// <param name="logger">The logger.</param>
public sealed class QboWebhookApi(
    WebhookIntake intake,
    IConnectionStore connections,
    ISecretStore secrets,
    WebhookVerifierCache verifierCache,
    QboChangeDispatcher dispatcher,
    IAuditTrail audit,
    IOptions<QboEventsOptions> options,
    TimeProvider timeProvider,
    ILogger<QboWebhookApi> logger) : IWebhookDeliveryHandler
{
    /// <summary>The intake's vendor key of QBO deliveries.</summary>
    public const string VendorKey = "qbo";

    /// <summary>The largest body accepted: 1 MiB for 100 CloudEvents plus a 64 KiB margin.</summary>
    public const int MaxBodyBytes = (1024 * 1024) + (64 * 1024);

    private readonly QboEventsOptions _options = options.Value;

    /// <inheritdoc />
    public string Vendor => VendorKey;

    /// <summary>Verifies one delivery and records it.</summary>
    /// <param name="request">The HTTP request (raw body, <c>intuit-signature</c> header).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The HTTP answer: 200 with a <see cref="WebhookAccepted"/>, 400, 401, 413, 415 (not JSON, <see cref="WebhookMediaType"/>), 429 (the app-wide <c>qbo</c> budget of verified deliveries is spent: <see cref="WebhookIntake.AcceptAsync"/>) or 503.</returns>
    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!WebhookMediaType.IsJson(request))
        {
            QboEventsLog.Rejected(logger, 0, "the body is not JSON");
            return WebhookMediaType.NotJson("QuickBooks Online");
        }

        var body = await WebhookBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            QboEventsLog.Rejected(logger, MaxBodyBytes, "the body is larger than a QBO delivery");
            return Results.Problem("The body is larger than a QuickBooks Online webhook delivery.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var signature = request.Headers[QboWebhookSignature.HeaderName].ToString();
        var token = await VerifierTokenAsync(refresh: false, cancellationToken);
        if (!string.IsNullOrEmpty(token) && !QboWebhookSignature.IsValid(token, signature, body))
        {
            // The kept token may have been rotated since: read it again before refusing.
            token = await VerifierTokenAsync(refresh: true, cancellationToken);
        }

        if (string.IsNullOrEmpty(token))
        {
            QboEventsLog.VerifierTokenMissing(logger, _options.VerifierTokenName);
            return Results.Problem("The QuickBooks Online webhook verifier token is not configured.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!QboWebhookSignature.IsValid(token, signature, body))
        {
            QboEventsLog.Rejected(logger, body.Length, "missing or invalid intuit-signature");
            return Results.Problem("The intuit-signature is missing or not valid.", statusCode: StatusCodes.Status401Unauthorized);
        }

        IReadOnlyList<QboEntityChange> changes;
        try
        {
            changes = QboWebhookPayload.Parse(body);
        }
        catch (FormatException ex)
        {
            QboEventsLog.Rejected(logger, body.Length, ex.Message);
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        return await intake.AcceptAsync(VendorKey, null, changes.Count.ToString(CultureInfo.InvariantCulture) + " events", body, cancellationToken: cancellationToken);
    }

    /// <summary>Dispatches a recorded delivery: routes each event by realm to its connections' handlers.</summary>
    /// <param name="delivery">The recorded delivery.</param>
    /// <param name="body">Its body (verified at receipt).</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>A task that completes when every event is dispatched.</returns>
    /// <exception cref="WebhookDeliveryException">When the body is not a QBO delivery.</exception>
    /// <exception cref="InvalidOperationException">When a dispatch failed, so the intake tries the delivery again.</exception>
    public async Task DispatchAsync(WebhookDelivery delivery, byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        IReadOnlyList<QboEntityChange> changes;
        try
        {
            changes = QboWebhookPayload.Parse(body);
        }
        catch (FormatException ex)
        {
            throw new WebhookDeliveryException(ex.Message, ex);
        }

        var receipt = await DispatchAllAsync(changes, cancellationToken);
        var elapsedMs = (long)(timeProvider.GetUtcNow() - delivery.ReceivedAt).TotalMilliseconds;
        QboEventsLog.Accepted(logger, receipt.Events, receipt.Started, receipt.Duplicates, receipt.Ignored, receipt.Unrouted, receipt.Paused, receipt.Failed, elapsedMs);
        if (receipt.Failed > 0)
        {
            throw new InvalidOperationException($"{receipt.Failed} of {receipt.Events} QBO event dispatches of delivery {delivery.Id} failed; the delivery is tried again.");
        }
    }

    private Task<string?> VerifierTokenAsync(bool refresh, CancellationToken cancellationToken) =>
        verifierCache.GetAsync("secret:" + _options.VerifierTokenName, ct => secrets.GetAsync(_options.VerifierTokenName, ct), refresh, cancellationToken);

    private async Task<QboWebhookReceipt> DispatchAllAsync(IReadOnlyList<QboEntityChange> changes, CancellationToken cancellationToken)
    {
        var byRealm = new Dictionary<string, IReadOnlyList<Connection>>(StringComparer.Ordinal);
        foreach (var realm in changes.Select(c => c.RealmId).Distinct(StringComparer.Ordinal))
        {
            byRealm[realm] = await connections.FindByRoutingKeyAsync(QboEventsNames.System, realm, cancellationToken);
        }

        int started = 0, duplicates = 0, ignored = 0, unrouted = 0, paused = 0, failed = 0;
        var work = new List<(Connection Connection, IQboChangeHandler Handler, QboEntityChange Change)>();
        foreach (var change in changes)
        {
            var served = byRealm[change.RealmId];
            if (served.Count == 0)
            {
                unrouted++;
                await audit.WriteOnceAsync(
                    new AuditRecord(QboEventsNames.UnroutedAuditPartition, QboEventsNames.WebhookOperation, AuditOutcome.Skipped)
                    {
                        BusinessKey = $"{change.EntityName}:{change.EntityId}",
                        VendorReference = change.RealmId,
                        Detail = $"No connection serves QBO realm {change.RealmId}; {change.Operation} of {change.EntityName} {change.EntityId} (event {change.EventId}) ignored.",
                    },
                    change.EventId,
                    cancellationToken);
                continue;
            }

            foreach (var connection in served)
            {
                var handler = dispatcher.FindHandler(connection.Kind);
                if (handler is null || !QboChangeDispatcher.Handles(handler, change.EntityName))
                {
                    ignored++;
                }
                else
                {
                    if (connection.Paused)
                    {
                        paused++;
                        await audit.WriteAsync(
                            new AuditRecord(connection.Id, QboEventsNames.WebhookOperation, AuditOutcome.Skipped)
                            {
                                BusinessKey = $"{change.EntityName}:{change.EntityId}",
                                Detail = $"The connection is paused; {change.Operation} of {change.EntityName} {change.EntityId} (event {change.EventId}) is held and syncs once the connection resumes.",
                            },
                            cancellationToken);
                    }

                    work.Add((connection, handler, change));
                }
            }
        }

        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentDispatches, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                try
                {
                    var dispatch = await dispatcher.DispatchAsync(item.Connection, item.Handler, item.Change, QboChangeChannel.Webhook, ct);
                    _ = dispatch.Outcome switch
                    {
                        QboChangeDispatchOutcome.Started => Interlocked.Increment(ref started),
                        QboChangeDispatchOutcome.Duplicate => Interlocked.Increment(ref duplicates),
                        _ => Interlocked.Increment(ref ignored),
                    };
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Logged and audited by the dispatcher; the ledger row is failed, so CDC dispatches it again.
                    Interlocked.Increment(ref failed);
                }
            });

        return new QboWebhookReceipt(changes.Count, started, duplicates, ignored, unrouted, paused, failed);
    }
}
