using Microsoft.AspNetCore.Http;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Webhooks;

namespace MlConnector.Core.Intake.ShipStation;

/// <summary>
/// The ShipStation webhook intake, <c>POST /api/webhooks/shipstation/{connectionId}/{secret}</c>, shared by both hosts and
/// by every integration that listens to ShipStation. ShipStation V1 signs nothing (PROTOCOL-NOTES.md §5: "protect the
/// endpoint with a secret path"), so the path carries a per-connection secret (<see cref="SecretPurpose"/>), compared in
/// constant time with the one in the secret store. A verified, well-formed body,
/// <c>{"resource_url": "...", "resource_type": "ORDER_NOTIFY|SHIP_NOTIFY|FULFILLMENT_SHIPPED"}</c>, is recorded by the
/// <see cref="WebhookIntake"/> (one queue message) and answered at once; off the request path, <see cref="DispatchAsync"/>
/// hands it as a <see cref="ShipStationWebhookEvent"/> to the <see cref="IShipStationEventHandler"/> registered for the
/// connection's integration kind, which starts its work under a deterministic id (so redeliveries are suppressed there).
/// </summary>
/// <remarks>
/// <para>A ShipStation V2 delivery (it carries <c>x-shipengine-rsa-sha256-*</c> headers) must also carry a valid
/// RSA-SHA256 signature over its raw body from one of ShipStation's published keys, with a fresh timestamp
/// (<see cref="ShipStationV2WebhookVerifier"/>; PROTOCOL-NOTES.md §5). The headers and the timestamp are checked before any
/// key is looked up, and the keys come from <see cref="ShipStationSigningKeyCache"/> (fetched at most once a minute), so a
/// forged delivery is refused fast and costs no request to ShipStation. As the validation guide suggests, missing headers
/// answer 404, a stale timestamp 400, an unknown key or a wrong signature 401; when ShipStation's keys could never be
/// fetched the answer is 503 with <c>Retry-After</c> (a genuine delivery comes again). A genuine one is recorded,
/// acknowledged and handed to the handler as a V2 event.</para>
/// <para>Answers: 200 <see cref="WebhookAccepted"/> (recorded; a redelivery too), 400 malformed body or stale V2 timestamp,
/// 401 bad V2 signature, 404 unknown connection, wrong secret, or a connection whose kind has no registered handler (the
/// three are indistinguishable on purpose), 413 body over 16 KiB, 415 a declared <c>Content-Type</c> that is not JSON (the
/// V1 documentation shows a JSON body but names no header, so a delivery without one is read), 429 a verified delivery over the
/// connection's budget (<see cref="WebhookIntake.AcceptAsync"/>; refused deliveries spend none of it). A refused delivery writes a log line, never an audit
/// row (whoever holds a URL secret must not be able to grow storage).</para>
/// <para>At dispatch, a connection deleted since the answer, or whose kind has no handler, is audited
/// (<c>shipstation.webhook.dispatch</c>, skipped) and the delivery dropped: no integration's work is started for a
/// connection of another kind.</para>
/// </remarks>
/// <param name="pathSecret">Checks the connection and its URL path secret.</param>
/// <param name="intake">Records verified deliveries.</param>
/// <param name="connections">The connection store (the connection's kind at dispatch).</param>
/// <param name="handlers">The integrations' handlers, one per integration kind.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="signingKeys">ShipStation's V2 signing keys, kept in memory.</param>
/// <param name="verifier">The V2 signature verifier.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationWebhookApi(
    WebhookPathSecret pathSecret,
    WebhookIntake intake,
    IConnectionStore connections,
    IEnumerable<IShipStationEventHandler> handlers,
    IAuditTrail audit,
    ShipStationSigningKeyCache signingKeys,
    ShipStationV2WebhookVerifier verifier,
    ILogger<ShipStationWebhookApi> logger) : IWebhookDeliveryHandler
{
    /// <summary>The intake's vendor key of ShipStation deliveries.</summary>
    public const string VendorKey = "shipstation";

    /// <summary>The topic of a verified ShipStation V2 delivery.</summary>
    public const string V2Topic = "v2";

    /// <summary>The largest body accepted; ShipStation's is about 300 bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The secret purpose of the per-connection webhook URL secret (<c>conn-{id}-shipstation-webhook-secret</c>).</summary>
    public const string SecretPurpose = "shipstation-webhook-secret";

    /// <summary>The audit operation of a delivery dropped at dispatch.</summary>
    public const string DispatchOperation = "shipstation.webhook.dispatch";

    private readonly Dictionary<string, IShipStationEventHandler> _handlers = IntegrationHandlerIndex.Build(handlers, h => h.IntegrationKind);

    /// <summary>The integration kinds with a registered handler: the kinds whose connections this endpoint serves.</summary>
    public IReadOnlyCollection<string> ServedKinds => _handlers.Keys;

    /// <inheritdoc />
    public string Vendor => VendorKey;

    /// <summary>Verifies one delivery and records it (see the class remarks for the answers).</summary>
    /// <param name="connectionId">The connection from the path.</param>
    /// <param name="secret">The URL secret from the path.</param>
    /// <param name="request">The HTTP request (raw body).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The HTTP answer.</returns>
    public async Task<IResult> ReceiveAsync(string connectionId, string secret, HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!WebhookMediaType.IsJson(request, allowMissing: true))
        {
            logger.Rejected(connectionId, "the body is not JSON");
            return WebhookMediaType.NotJson("ShipStation");
        }

        var connection = await pathSecret.VerifyAsync(connectionId, secret, SecretPurpose, ServedKinds, cancellationToken);
        if (connection is null)
        {
            logger.Rejected(connectionId, "unknown connection or wrong URL secret");
            return Results.NotFound();
        }

        var body = await WebhookBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem("The body is larger than a ShipStation notification.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (request.Headers.ContainsKey(ShipStationV2WebhookVerifier.SignatureHeader) || request.Headers.ContainsKey(ShipStationV2WebhookVerifier.KeyIdHeader))
        {
            return await ReceiveV2Async(connectionId, request, body, cancellationToken);
        }

        var notification = Parse(body, out var problem);
        if (notification is null)
        {
            logger.Rejected(connectionId, problem!);
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        return await intake.AcceptAsync(VendorKey, connectionId, notification.Value.ResourceType, body, cancellationToken: cancellationToken);
    }

    private async Task<IResult> ReceiveV2Async(string connectionId, HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        string? keyId = request.Headers[ShipStationV2WebhookVerifier.KeyIdHeader];
        string? signature = request.Headers[ShipStationV2WebhookVerifier.SignatureHeader];
        string? timestamp = request.Headers[ShipStationV2WebhookVerifier.TimestampHeader];
        var verdict = verifier.CheckHeaders(keyId, signature, timestamp);
        if (verdict == ShipStationWebhookVerification.Valid)
        {
            var keys = await signingKeys.GetAsync(keyId!, cancellationToken);
            if (keys is null)
            {
                logger.Rejected(connectionId, "ShipStation's V2 signing keys are unavailable");
                return new IntakeFullResult(WebhookIntake.RetryAfterSeconds);
            }

            verdict = verifier.Verify(keyId, signature, timestamp, body, keys);
        }

        if (verdict == ShipStationWebhookVerification.Valid)
        {
            return await intake.AcceptAsync(VendorKey, connectionId, V2Topic, body, cancellationToken: cancellationToken);
        }

        // Answers as the validation guide suggests (ShipStationWebhookVerification); a rejection writes only a log line.
        logger.Rejected(connectionId, "V2 signature check: " + verdict);
        return verdict switch
        {
            ShipStationWebhookVerification.MissingHeaders => Results.NotFound(),
            ShipStationWebhookVerification.StaleTimestamp => Results.Problem("The x-shipengine-timestamp is not recent.", statusCode: StatusCodes.Status400BadRequest),
            _ => Results.Problem("The ShipStation V2 signature is not valid.", statusCode: StatusCodes.Status401Unauthorized),
        };
    }

    /// <summary>
    /// Dispatches a recorded delivery: hands the event to the handler of the connection's integration kind; a connection
    /// that is gone or whose kind has no handler is audited and the delivery dropped.
    /// </summary>
    /// <param name="delivery">The recorded delivery.</param>
    /// <param name="body">Its body.</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>A task that completes when the handler has started the work (or the delivery was dropped).</returns>
    /// <exception cref="WebhookDeliveryException">When the recorded delivery has no connection or is not a notification.</exception>
    public async Task DispatchAsync(WebhookDelivery delivery, byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(body);
        var connectionId = delivery.ConnectionId ?? throw new WebhookDeliveryException("A ShipStation delivery names its connection.");
        var connection = await connections.GetAsync(connectionId, cancellationToken);
        var handler = connection is null ? null : _handlers.GetValueOrDefault(connection.Kind);
        if (connection is null || handler is null)
        {
            var reason = connection is null
                ? "the connection no longer exists"
                : $"no ShipStation event handler is registered for integration kind {connection.Kind}";
            logger.Dropped(delivery.Id, connectionId, delivery.Topic, reason);
            await audit.WriteAsync(
                new AuditRecord(connectionId, DispatchOperation, AuditOutcome.Skipped) { Detail = $"{delivery.Topic ?? "Delivery"} {delivery.Id} dropped: {reason}." },
                cancellationToken);
            return;
        }

        ShipStationWebhookEvent webhookEvent;
        if (delivery.Topic == V2Topic)
        {
            webhookEvent = new ShipStationWebhookEvent(delivery.Id, connectionId, V2Topic, null, Encoding.UTF8.GetString(body));
        }
        else
        {
            var notification = Parse(body, out var problem) ?? throw new WebhookDeliveryException(problem!);
            webhookEvent = new ShipStationWebhookEvent(delivery.Id, connectionId, notification.ResourceType, notification.ResourceUrl, null);
        }

        await handler.HandleAsync(connection, webhookEvent, cancellationToken);
        logger.Handled(delivery.Id, connectionId, webhookEvent.ResourceType, handler.IntegrationKind);
    }

    private static (string ResourceType, Uri ResourceUrl)? Parse(byte[] body, out string? problem)
    {
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var url = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("resource_url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("resource_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is null || !ShipStationWebhookEvents.All.Contains(type))
            {
                problem = $"resource_type must be one of {string.Join(", ", ShipStationWebhookEvents.All)}.";
                return null;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var resourceUrl) || (resourceUrl.Scheme != Uri.UriSchemeHttps && resourceUrl.Scheme != Uri.UriSchemeHttp))
            {
                problem = "resource_url must be an absolute http(s) URL.";
                return null;
            }

            return (type, resourceUrl);
        }
        catch (JsonException)
        {
            problem = "The body is not JSON.";
            return null;
        }
    }
}
