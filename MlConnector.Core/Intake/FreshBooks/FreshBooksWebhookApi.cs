using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Errors;
using MlConnector.Core.Webhooks;

namespace MlConnector.Core.Intake.FreshBooks;

/// <summary>
/// The FreshBooks webhook endpoint, <c>POST /api/webhooks/freshbooks/{connectionId}</c>, shared by both hosts: the URL
/// each connection's callbacks are registered with (<see cref="FreshBooksCallbackRegistration"/>).
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>The body must be <c>application/x-www-form-urlencoded</c> (PROTOCOL-NOTES §4, "Webhook payload"); anything else
/// answers 415. A body over <see cref="MaxBodyBytes"/> answers 413.</item>
/// <item>The connection must exist and be of a kind with a FreshBooks side; otherwise 404.</item>
/// <item>The fields must hold <c>name</c>, a numeric <c>object_id</c> and the connection's own <c>account_id</c>
/// (<c>settings.freshbooks.accountId</c>); otherwise 400 (malformed) or 404 (another account).</item>
/// <item>The registration handshake (<c>name=callback.verify</c>, unsigned, carrying the callback's <c>verifier</c>): the
/// verifier is kept in the secret store under the callback id (<see cref="FreshBooksCallbackVerifiers"/>) and a delivery
/// without it is recorded, within the connection's handshake budget (<see cref="WebhookIntake.AcceptHandshakeAsync"/>,
/// 10 a minute by default), not its signed deliveries' one; off the request path <see cref="DispatchAsync"/> confirms it with
/// <c>PUT …/events/callbacks/{id}</c> and only a verifier FreshBooks accepts becomes the event's signing key. A made-up
/// verify therefore changes nothing: FreshBooks refuses it and the refusal is audited.</item>
/// <item>Every other delivery must carry <c>X-FreshBooks-Hmac-SHA256</c> = Base64(HMAC-SHA256(the event's confirmed
/// verifier, <c>json.dumps(form)</c>)), compared in constant time (<see cref="FreshBooksWebhookSignature.Verify"/>); the
/// kept verifier is read again before a signature is refused. Missing, forged or unverifiable answers 401 and records
/// nothing (a log line with no header value).</item>
/// <item>A verified delivery is recorded by the <see cref="WebhookIntake"/> and answered at once (200,
/// <see cref="WebhookAccepted"/>); <see cref="DispatchAsync"/> hands it to the <see cref="IFreshBooksChangeHandler"/> of the
/// connection's kind, which suppresses redeliveries by what it starts, and audits what it did (<see cref="ReceiveOperation"/>).
/// FreshBooks gives a delivery no id, so one row stands for one decision: the workflow instance started or found, else the
/// event, invoice and outcome; a redelivery, a dispatch retried by the intake, or another event that comes to the same
/// decision only counts on that row (<see cref="IAuditTrail.WriteOnceAsync"/>), as ShipStation and UPS deliveries do.</item>
/// </list>
/// </remarks>
/// <param name="intake">Records verified deliveries.</param>
/// <param name="connections">The connection store.</param>
/// <param name="verifiers">The callbacks' verifiers.</param>
/// <param name="freshBooks">The FreshBooks client (the handshake's confirmation).</param>
/// <param name="handlers">The integrations' event handlers.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="logger">The logger.</param>
public sealed class FreshBooksWebhookApi(
    WebhookIntake intake,
    IConnectionStore connections,
    FreshBooksCallbackVerifiers verifiers,
    IFreshBooksClient freshBooks,
    IEnumerable<IFreshBooksChangeHandler> handlers,
    IAuditTrail audit,
    ILogger<FreshBooksWebhookApi> logger) : IWebhookDeliveryHandler
{
    /// <summary>The intake's vendor key of FreshBooks deliveries.</summary>
    public const string VendorKey = "freshbooks";

    /// <summary>The largest body accepted: a delivery is six short fields, well under 1 KiB.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The audit operation of a delivery's dispatch.</summary>
    public const string ReceiveOperation = "freshbooks.webhook.receive";

    /// <summary>The audit operation of the registration handshake's confirmation.</summary>
    public const string VerifyOperation = "freshbooks.callback.verify";

    private const string FormMediaType = "application/x-www-form-urlencoded";

    private readonly IReadOnlyList<IFreshBooksChangeHandler> _handlers = [.. handlers];

    /// <inheritdoc />
    public string Vendor => VendorKey;

    /// <summary>Verifies one delivery and records it.</summary>
    /// <param name="connectionId">The connection from the path.</param>
    /// <param name="request">The request (form body, signature header).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with a <see cref="WebhookAccepted"/>; 400, 401, 404, 413 or 415 otherwise; 429 when the connection's budget of accepted deliveries (<see cref="WebhookIntake.AcceptAsync"/>), or for a handshake its handshake budget (<see cref="WebhookIntake.AcceptHandshakeAsync"/>), is spent.</returns>
    public async Task<IResult> ReceiveAsync(string connectionId, HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType, FormMediaType, StringComparison.OrdinalIgnoreCase))
        {
            logger.FreshBooksWebhookRejected(connectionId, "the body is not form-encoded");
            return Results.Problem("A FreshBooks delivery is application/x-www-form-urlencoded.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var body = await WebhookBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            logger.FreshBooksWebhookRejected(connectionId, "the body is larger than a FreshBooks delivery");
            return Results.Problem("The body is larger than a FreshBooks delivery.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var connection = await FindAsync(connectionId, cancellationToken);
        if (connection is null)
        {
            logger.FreshBooksWebhookRejected(connectionId, "no connection with a FreshBooks side has this id");
            return Results.NotFound();
        }

        IReadOnlyList<KeyValuePair<string, string>> fields;
        FreshBooksWebhookEvent webhookEvent;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
            fields = FreshBooksWebhookSignature.ParseForm(text);
            webhookEvent = FreshBooksWebhookEvent.From(fields);
        }
        catch (Exception ex) when (ex is FormatException or UriFormatException or DecoderFallbackException or ArgumentException)
        {
            logger.FreshBooksWebhookRejected(connectionId, "malformed form: " + ex.GetType().Name);
            return Results.Problem("The body is not a FreshBooks delivery (name, object_id and account_id are required).", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!string.Equals(webhookEvent.AccountId, connection.GetSetting(FreshBooksClient.Connector, FreshBooksClient.AccountIdSetting), StringComparison.Ordinal))
        {
            logger.FreshBooksWebhookRejected(connectionId, "the account_id is not the connection's FreshBooks account");
            return Results.NotFound();
        }

        if (webhookEvent.IsVerify)
        {
            var verifier = FreshBooksWebhookEvent.First(fields, FreshBooksWebhookEvent.VerifierField);
            if (string.IsNullOrWhiteSpace(verifier))
            {
                logger.FreshBooksWebhookRejected(connectionId, "a callback.verify without a verifier");
                return Results.Problem("The verification delivery has no verifier.", statusCode: StatusCodes.Status400BadRequest);
            }

            // Unsigned, so it spends the connection's handshake budget, not its signed deliveries' (made-up handshakes cannot
            // make real deliveries answer 429, nor a burst of deliveries refuse a real registration); the pending verifier
            // is written only once that budget granted a permit, so a flood of them cannot write past it.
            var withoutVerifier = Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $"name={FreshBooksWebhookEvent.VerifyEvent}&object_id={webhookEvent.ObjectId}&account_id={Uri.EscapeDataString(webhookEvent.AccountId)}"));
            return await intake.AcceptHandshakeAsync(
                VendorKey,
                connectionId,
                webhookEvent.Name,
                withoutVerifier,
                ct => verifiers.SetPendingAsync(connectionId, webhookEvent.ObjectId, verifier, ct),
                cancellationToken);
        }

        var signature = request.Headers[FreshBooksWebhookSignature.HeaderName].ToString();
        if (!await IsSignedAsync(connectionId, webhookEvent.Name, text, signature, cancellationToken))
        {
            logger.FreshBooksWebhookRejected(connectionId, string.IsNullOrEmpty(signature) ? "unsigned" : "the X-FreshBooks-Hmac-SHA256 does not match");
            return Results.Problem("The X-FreshBooks-Hmac-SHA256 is missing or not valid.", statusCode: StatusCodes.Status401Unauthorized);
        }

        return await intake.AcceptAsync(VendorKey, connectionId, webhookEvent.Name, body, cancellationToken: cancellationToken);
    }

    /// <summary>Dispatches a recorded delivery: confirms a handshake, or hands an event to the connection's integration.</summary>
    /// <param name="delivery">The recorded delivery.</param>
    /// <param name="body">Its body (verified at receipt).</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>A task that completes when the delivery is dispatched.</returns>
    /// <exception cref="WebhookDeliveryException">When the recorded delivery names no connection or is not a FreshBooks form.</exception>
    /// <exception cref="ConnectorException">When FreshBooks is unreachable (the intake dispatches the delivery again).</exception>
    public async Task DispatchAsync(WebhookDelivery delivery, byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var connectionId = delivery.ConnectionId ?? throw new WebhookDeliveryException("A FreshBooks delivery names its connection.");
        FreshBooksWebhookEvent webhookEvent;
        try
        {
            webhookEvent = FreshBooksWebhookEvent.From(FreshBooksWebhookSignature.ParseForm(Encoding.UTF8.GetString(body)));
        }
        catch (FormatException ex)
        {
            throw new WebhookDeliveryException(ex.Message, ex);
        }

        var connection = await FindAsync(connectionId, cancellationToken);
        if (connection is null)
        {
            await WriteReceiptAsync(connectionId, webhookEvent, new FreshBooksChangeResult(AuditOutcome.Skipped, "The connection was deleted before the delivery was dispatched."), cancellationToken);
            return;
        }

        if (webhookEvent.IsVerify)
        {
            await ConfirmAsync(connectionId, webhookEvent.ObjectId, cancellationToken);
            return;
        }

        var handler = _handlers.FirstOrDefault(h => string.Equals(h.Kind, connection.Kind, StringComparison.Ordinal));
        if (handler is null || !handler.Events.Contains(webhookEvent.Name, StringComparer.Ordinal))
        {
            await WriteReceiptAsync(connectionId, webhookEvent, new FreshBooksChangeResult(AuditOutcome.Skipped, $"not an event the {connection.Kind} integration handles; ignored."), cancellationToken);
            return;
        }

        var result = await handler.HandleAsync(connection, webhookEvent, cancellationToken);
        await WriteReceiptAsync(connectionId, webhookEvent, result, cancellationToken);
        logger.FreshBooksWebhookDispatched(connectionId, webhookEvent.Name, webhookEvent.ObjectId, result.Outcome);
    }

    /// <summary>
    /// The receipt row of one dispatched event, written once per decision: keyed by the workflow instance when one was
    /// started or found (so a redelivery's "duplicate suppressed" counts on the row that started it), else by the event,
    /// the invoice and the decision's detail.
    /// </summary>
    private Task<AuditRecord> WriteReceiptAsync(string connectionId, FreshBooksWebhookEvent webhookEvent, FreshBooksChangeResult result, CancellationToken cancellationToken) =>
        audit.WriteOnceAsync(
            new AuditRecord(connectionId, ReceiveOperation, result.Outcome) { BusinessKey = Key(webhookEvent), WorkflowInstanceId = result.WorkflowInstanceId, Detail = $"{webhookEvent.Name}: {result.Detail}" },
            result.WorkflowInstanceId ?? $"{webhookEvent.Name}|{Key(webhookEvent)}|{result.Detail}",
            cancellationToken);

    private static string Key(FreshBooksWebhookEvent webhookEvent) => webhookEvent.IsVerify
        ? "callback:" + webhookEvent.ObjectId.ToString(CultureInfo.InvariantCulture)
        : "invoice:" + webhookEvent.ObjectId.ToString(CultureInfo.InvariantCulture);

    private async Task<Connection?> FindAsync(string connectionId, CancellationToken cancellationToken)
    {
        if (!SecretNameSafe(connectionId))
        {
            return null;
        }

        var connection = await connections.GetAsync(connectionId, cancellationToken);
        return connection is not null
            && IntegrationKinds.All.TryGetValue(connection.Kind, out var kind)
            && kind.Systems.Any(s => s.Code == FreshBooksClient.Connector)
            ? connection
            : null;
    }

    private static bool SecretNameSafe(string connectionId) =>
        connectionId.Length is > 0 and <= 63 && connectionId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private async Task<bool> IsSignedAsync(string connectionId, string eventName, string form, string signature, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(signature) || eventName.Length > 64 || !eventName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_'))
        {
            return false;
        }

        var verifier = await verifiers.GetConfirmedAsync(connectionId, eventName, refresh: false, cancellationToken);
        if (verifier is not null && FreshBooksWebhookSignature.Verify(verifier, form, signature))
        {
            return true;
        }

        // The kept verifier may predate a new registration: read it again before refusing.
        verifier = await verifiers.GetConfirmedAsync(connectionId, eventName, refresh: true, cancellationToken);
        return verifier is not null && FreshBooksWebhookSignature.Verify(verifier, form, signature);
    }

    private async Task ConfirmAsync(string connectionId, long callbackId, CancellationToken cancellationToken)
    {
        var template = new AuditRecord(connectionId, VerifyOperation, AuditOutcome.Succeeded) { BusinessKey = "callback:" + callbackId.ToString(CultureInfo.InvariantCulture), VendorReference = callbackId.ToString(CultureInfo.InvariantCulture) };
        var verifier = await verifiers.GetPendingAsync(connectionId, callbackId, cancellationToken);
        if (verifier is null)
        {
            await audit.WriteAsync(template with { Outcome = AuditOutcome.Skipped, Detail = $"No verifier is waiting for callback {callbackId}; it was confirmed already." }, cancellationToken);
            return;
        }

        FreshBooksCallback callback;
        try
        {
            callback = await freshBooks.VerifyCallbackAsync(connectionId, callbackId, verifier, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.Kind is ErrorKind.Validation or ErrorKind.NotFound)
        {
            await verifiers.DeletePendingAsync(connectionId, callbackId, cancellationToken);
            await audit.WriteAsync(template with { Outcome = AuditOutcome.Failed, ErrorKind = ex.Kind, Detail = $"FreshBooks refused the verifier of callback {callbackId} ({ex.Kind}); nothing changed. Register the webhooks again if this callback is ours." }, cancellationToken);
            logger.FreshBooksCallbackRefused(connectionId, callbackId, ex.Kind.ToString());
            return;
        }

        await verifiers.ConfirmAsync(connectionId, callback.Event, verifier, cancellationToken);
        await verifiers.DeletePendingAsync(connectionId, callbackId, cancellationToken);
        await audit.WriteAsync(template with { Detail = $"Callback {callbackId} for {callback.Event} confirmed with FreshBooks; its deliveries are verified with its verifier from now on." }, cancellationToken);
        logger.FreshBooksCallbackConfirmed(connectionId, callbackId, callback.Event);
    }
}
