using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Webhooks;

namespace MlConnector.Core.Intake.Ups;

/// <summary>
/// The UPS Track Alert callback, <c>POST /api/webhooks/ups/{connectionId}/{secret}</c>. UPS signs nothing over the body and
/// its v2 push authenticates with a bearer token from a token URL the customer runs (UPSTrackAlert.yaml lines 436–449,
/// 517–525), so the endpoint is protected the way ShipStation's unsigned webhooks are: an unguessable per-connection path
/// secret (<c>{connectionId}/ups-trackalert-secret</c>) compared in constant time; when UPS sends <c>x-api-key</c> (the
/// client id of the OAuth client, lines 438–443) it must be our configured UPS client id. A wrong connection or secret
/// answers 404, a wrong <c>x-api-key</c> 401, a malformed body or a tracking number that is not a UPS tracking number
/// (<see cref="UpsTrackingNumber"/>) 400; none starts or writes anything: a refused push is logged (EventId 5180), never
/// audited, so whoever can reach the URL cannot grow the audit table (#17). A genuine push is recorded by the
/// <see cref="WebhookIntake"/> (one queue message) and acknowledged with 200 at once (reply 200, line 500); off the
/// request path, <see cref="DispatchAsync"/> hands the status to the <see cref="IUpsTrackingHandler"/> of the integration
/// that owns the package (<see cref="UpsTrackingRouter"/>), which starts its write-back once per package status. The
/// connection may be of any integration kind that ships with UPS. A redelivered status writes no second audit row: it is
/// counted on the first.
/// </summary>
/// <param name="pathSecret">Checks the connection and its URL path secret.</param>
/// <param name="intake">Records verified deliveries.</param>
/// <param name="router">Routes a status to the integration owning the package.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="oauth">The OAuth options (the <c>ups</c> provider's client id).</param>
/// <param name="logger">The logger.</param>
public sealed class UpsTrackAlertWebhookApi(
    WebhookPathSecret pathSecret,
    WebhookIntake intake,
    UpsTrackingRouter router,
    IAuditTrail audit,
    IOptions<OAuthOptions> oauth,
    ILogger<UpsTrackAlertWebhookApi> logger) : IWebhookDeliveryHandler
{
    /// <summary>The intake's vendor key of UPS Track Alert deliveries.</summary>
    public const string VendorKey = "ups-trackalert";

    /// <summary>The largest push accepted: one <c>TrackingEventRequest</c> is well under 8 KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The header UPS puts the OAuth client id in (UPSTrackAlert.yaml lines 438–443).</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <inheritdoc />
    public string Vendor => VendorKey;

    /// <summary>Receives one Track Alert push.</summary>
    /// <param name="connectionId">The connection from the path.</param>
    /// <param name="secret">The path secret.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with a <see cref="WebhookAccepted"/> naming the workflow instance the push will start; 404, 401, 400, 413 or 415 (not <c>application/json</c>, UPSTrackAlert.yaml line 452) otherwise; 429 when the connection's budget of verified deliveries is spent (<see cref="WebhookIntake.AcceptAsync"/>).</returns>
    public async Task<IResult> ReceiveAsync(string connectionId, string secret, HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!WebhookMediaType.IsJson(request))
        {
            logger.TrackAlertRejected(connectionId, "the body is not JSON");
            return WebhookMediaType.NotJson("UPS Track Alert");
        }

        if (await pathSecret.VerifyAsync(connectionId, secret, UpsShippingNames.TrackAlertSecretPurpose, router.IntegrationKinds, cancellationToken) is not { } connection)
        {
            logger.TrackAlertRejected(connectionId, "unknown connection or wrong URL secret");
            return Results.NotFound();
        }

        var apiKey = request.Headers[ApiKeyHeader].ToString();
        if (apiKey.Length > 0 && oauth.Value.Providers.TryGetValue("ups", out var provider) && provider.ClientId.Length > 0
            && !string.Equals(apiKey, provider.ClientId, StringComparison.Ordinal))
        {
            logger.TrackAlertRejected(connectionId, "x-api-key is not our UPS client id");
            return Results.Problem("The x-api-key header does not name our UPS client.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var body = await WebhookBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem("The body is larger than a Track Alert event.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        UpsTrackingStatus status;
        try
        {
            status = UpsTrackAlertPayload.Parse(body);
        }
        catch (ConnectorValidationException ex)
        {
            logger.TrackAlertRejected(connectionId, ex.Message);
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        // The answer names the instance from the connection's kind: no storage read on the request path besides the record.
        var handler = router.ForKind(connection.Kind);
        return await intake.AcceptAsync(VendorKey, connectionId, status.TrackingNumber, body, handler?.InstanceIdOf(connectionId, status), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Dispatches a recorded push: hands its package status to the owning integration's handler, which starts its
    /// write-back once. The first dispatch of a status writes one audit row (<c>ups.trackalert.receive</c>); a redelivery
    /// or replay of it only counts on that row (<see cref="IAuditTrail.WriteOnceAsync"/>), so repeated pushes cannot grow
    /// the audit table.
    /// </summary>
    /// <param name="delivery">The recorded delivery.</param>
    /// <param name="body">Its body.</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>A task that completes when the workflow is started or found started.</returns>
    /// <exception cref="WebhookDeliveryException">When the recorded delivery has no connection.</exception>
    public async Task DispatchAsync(WebhookDelivery delivery, byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var connectionId = delivery.ConnectionId ?? throw new WebhookDeliveryException("A UPS Track Alert delivery names its connection.");
        var status = UpsTrackAlertPayload.Parse(body);
        var start = await router.DispatchAsync(connectionId, status, UpsShippingNames.SourceTrackAlert, cancellationToken);
        if (start is null)
        {
            logger.TrackAlertUnowned(connectionId, status.TrackingNumber);
            return;
        }

        await audit.WriteOnceAsync(
            new AuditRecord(connectionId, "ups.trackalert.receive", AuditOutcome.Succeeded)
            {
                WorkflowInstanceId = start.InstanceId,
                BusinessKey = status.TrackingNumber,
                Detail = $"{status.TrackingNumber}: {UpsTrackingText.StatusText(status)} accepted.",
            },
            start.InstanceId,
            cancellationToken);

        logger.TrackAlertAccepted(connectionId, status.TrackingNumber, status.Description, start.IsDuplicate);
    }
}
