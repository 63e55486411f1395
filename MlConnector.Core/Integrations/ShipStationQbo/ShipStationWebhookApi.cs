using Microsoft.AspNetCore.Http;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Intake;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Webhooks;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The ShipStation webhook endpoint, <c>POST /api/webhooks/shipstation/{connectionId}/{secret}</c>, shared by both
/// hosts. ShipStation V1 signs nothing (PROTOCOL-NOTES.md §5: "protect the endpoint with a secret path"), so the path
/// carries a per-connection secret, compared in constant time with the one in the secret store. A verified, well-formed
/// body, <c>{"resource_url": "...", "resource_type": "ORDER_NOTIFY|SHIP_NOTIFY|FULFILLMENT_SHIPPED"}</c>, is recorded by
/// the <see cref="WebhookIntake"/> (one queue message) and answered at once; off the request path,
/// <see cref="DispatchAsync"/> starts the notification workflow under an id derived from it, so redeliveries (and a
/// delivery dispatched twice) are suppressed.
/// </summary>
/// <remarks>
/// <para>A ShipStation V2 delivery (it carries <c>x-shipengine-rsa-sha256-*</c> headers) must also carry a valid
/// RSA-SHA256 signature over its raw body from one of ShipStation's published keys, with a fresh timestamp
/// (<see cref="ShipStationV2WebhookVerifier"/>; PROTOCOL-NOTES.md §5); otherwise it is rejected with 401. V2 events
/// (track, batch, …) start no ShipStation → QBO flow: a genuine one is recorded, acknowledged and, at dispatch, audited.</para>
/// <para>Answers: 200 <see cref="WebhookAccepted"/> (recorded; a redelivery too), 400 malformed body, 401 bad V2 signature, 404 unknown connection or wrong
/// secret (the two are indistinguishable on purpose), 413 body over 16 KiB.</para>
/// </remarks>
/// <param name="pathSecret">Checks the connection and its URL path secret.</param>
/// <param name="intake">Records verified deliveries.</param>
/// <param name="workflows">The workflow client.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="shipStation">The ShipStation client (V2 signing keys).</param>
/// <param name="verifier">The V2 signature verifier.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationWebhookApi(
    WebhookPathSecret pathSecret,
    WebhookIntake intake,
    IWorkflowClient workflows,
    IAuditTrail audit,
    IShipStationClient shipStation,
    ShipStationV2WebhookVerifier verifier,
    ILogger<ShipStationWebhookApi> logger) : IWebhookDeliveryHandler
{
    /// <summary>The intake's vendor key of ShipStation deliveries.</summary>
    public const string VendorKey = "shipstation";

    /// <summary>The topic of a verified ShipStation V2 delivery.</summary>
    public const string V2Topic = "v2";

    /// <summary>The largest body accepted; ShipStation's is about 300 bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly string[] ServedKinds = [IntegrationKinds.ShipStationQbo, IntegrationKinds.QbdShipStation];

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
        var connection = await pathSecret.VerifyAsync(connectionId, secret, ShipStationQboNames.WebhookSecretPurpose, ServedKinds, cancellationToken);
        if (connection is null)
        {
            ShipStationWebhookLog.Rejected(logger, connectionId, "unknown connection or wrong URL secret");
            return Results.NotFound();
        }

        var body = await WebhookBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem("The body is larger than a ShipStation notification.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (request.Headers.ContainsKey(ShipStationV2WebhookVerifier.SignatureHeader) || request.Headers.ContainsKey(ShipStationV2WebhookVerifier.KeyIdHeader))
        {
            var keys = await shipStation.GetV2WebhookSigningKeysAsync(cancellationToken);
            var verdict = verifier.Verify(
                request.Headers[ShipStationV2WebhookVerifier.KeyIdHeader],
                request.Headers[ShipStationV2WebhookVerifier.SignatureHeader],
                request.Headers[ShipStationV2WebhookVerifier.TimestampHeader],
                body,
                keys);
            if (verdict != ShipStationWebhookVerification.Valid)
            {
                await audit.WriteAsync(new AuditRecord(connectionId, "shipstation.v2.webhook.receive", AuditOutcome.Failed) { ErrorKind = Errors.ErrorKind.NeedsReconsent, Detail = "Rejected: " + verdict }, cancellationToken);
                return Results.Problem("The ShipStation V2 signature is not valid.", statusCode: StatusCodes.Status401Unauthorized);
            }

            return await intake.AcceptAsync(VendorKey, connectionId, V2Topic, body, cancellationToken: cancellationToken);
        }

        var notification = Parse(connectionId, body, out var problem);
        if (notification is null)
        {
            ShipStationWebhookLog.Rejected(logger, connectionId, problem!);
            await audit.WriteAsync(new AuditRecord(connectionId, "shipstation.webhook.receive", AuditOutcome.Failed) { ErrorKind = Errors.ErrorKind.Validation, Detail = problem }, cancellationToken);
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        return await intake.AcceptAsync(VendorKey, connectionId, notification.ResourceType, body, cancellationToken: cancellationToken);
    }

    /// <summary>Dispatches a recorded delivery: starts the notification workflow (a V2 delivery is only audited).</summary>
    /// <param name="delivery">The recorded delivery.</param>
    /// <param name="body">Its body.</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>A task that completes when the workflow is started or found started.</returns>
    /// <exception cref="WebhookDeliveryException">When the recorded delivery has no connection or is not a notification.</exception>
    public async Task DispatchAsync(WebhookDelivery delivery, byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var connectionId = delivery.ConnectionId ?? throw new WebhookDeliveryException("A ShipStation delivery names its connection.");
        if (delivery.Topic == V2Topic)
        {
            await audit.WriteAsync(new AuditRecord(connectionId, "shipstation.v2.webhook.receive", AuditOutcome.Skipped) { Detail = "Genuine V2 delivery; V2 events start no ShipStation → QBO flow." }, cancellationToken);
            return;
        }

        var notification = Parse(connectionId, body, out var problem) ?? throw new WebhookDeliveryException(problem!);
        var instanceId = ShipStationQboKeys.NotificationInstance(connectionId, notification.ResourceType, notification.ResourceUrl);
        var start = await workflows.StartAsync(nameof(ShipStationNotificationWorkflow), instanceId, notification, cancellationToken);
        await audit.WriteAsync(
            new AuditRecord(connectionId, "shipstation.webhook.receive", start.IsDuplicate ? AuditOutcome.Skipped : AuditOutcome.Succeeded)
            {
                WorkflowInstanceId = instanceId,
                Detail = start.IsDuplicate ? $"{notification.ResourceType} redelivered; duplicate suppressed." : $"{notification.ResourceType} accepted.",
            },
            cancellationToken);
        ShipStationWebhookLog.Accepted(logger, connectionId, notification.ResourceType, start.IsDuplicate);
    }

    private static NotificationInput? Parse(string connectionId, byte[] body, out string? problem)
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

            return new NotificationInput(connectionId, type, resourceUrl);
        }
        catch (JsonException)
        {
            problem = "The body is not JSON.";
            return null;
        }
    }
}
