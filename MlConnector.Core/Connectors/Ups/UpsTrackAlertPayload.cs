using MlConnector.Core.Connectors.Ups.Wire;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Connectors.Ups;

/// <summary>
/// Reads the body UPS Track Alert pushes to our webhook for each tracking event: <c>TrackingEventRequest</c>
/// (contracts/ups/UPSTrackAlert.yaml, <c>webhooks.TrackingEvent</c> lines 427–500 and <c>components.schemas.TrackingEventRequest</c>
/// from line 659), for example <c>{"trackingNumber":"1Z204W4R0308071865","localActivityDate":"20240423",
/// "localActivityTime":"095004","activityLocation":{"city":"CHARLOTTE","stateProvince":"NC","country":"US"},
/// "activityStatus":{"type":"D","code":"FS","description":"Delivered","descriptionCode":"011"},
/// "actualDeliveryDate":"20240423",…}</c>. "Not every field will have a value in each message."
/// </summary>
/// <remarks>
/// <para>How UPS authenticates the push (what the spec says, and no more):</para>
/// <list type="bullet">
/// <item>v2 dropped the subscription's <c>destination{url, credential, credentialType}</c> object: "webhook credentials are
/// now managed through Manage Webhook Credentials (https://developer.ups.com/update-webhook)" (line 155). The URL and its
/// credentials are therefore registered once per UPS app in the developer portal, not per subscription request; v1
/// bodies (contracts/ups/samples/pubSub/pubSubRequest.json) still carried them.</item>
/// <item>The webhook's security is <c>clientOauth2</c> (line 436): an OAuth 2.0 client-credentials flow whose token URL is
/// the customer's own (<c>tokenUrl: https://your-token-url.com/oauth/token</c>, <c>x-tokenEndpointAuthMethod:
/// client_secret_basic</c>, "Oauth Token generator provide by the customer", lines 517–525). So UPS obtains a bearer token
/// from a token endpoint we expose, with credentials we register, and presents it on the push. The spec names no header
/// for that token; an OAuth 2.0 bearer token travels as <c>Authorization: Bearer</c> (RFC 6750), which is to be confirmed
/// against a real UPS delivery.</item>
/// <item>Header <c>x-api-key</c> "holds the clientID of the OAUTH token used for authentication. This is required for OAUTH
/// clients and optional for non-OAUTH clients" (lines 438–443): it names the client, it is not a secret.</item>
/// <item>Header <c>User-Agent</c> is required, with the value <c>UPSPubSubTrackingService</c> (lines 444–449): a label
/// anyone can send, never proof of origin.</item>
/// <item>No signature over the body is defined. Reply <c>200</c> to acknowledge (line 500).</item>
/// </list>
/// <para>The webhook endpoint (not this parser) must authenticate the push before parsing it.</para>
/// </remarks>
public static class UpsTrackAlertPayload
{
    /// <summary>Parses one Track Alert event into the package's latest status.</summary>
    /// <param name="body">The raw request body (UTF-8 JSON).</param>
    /// <returns>
    /// The status, with <see cref="UpsTrackingStatus.Found"/> true: type, 2-character code, 3-digit code and description
    /// from <c>activityStatus</c>; <see cref="UpsTrackingStatus.ActivityLocalTime"/> from <c>localActivityDate</c>/<c>Time</c>
    /// (local wall clock, offset zero); <see cref="UpsTrackingStatus.ActivityTimeUtc"/> from <c>gmtActivityDate</c>/<c>Time</c>;
    /// the location as city, state and country; scheduled and actual delivery dates.
    /// </returns>
    /// <exception cref="ConnectorValidationException">When the body is not JSON of that shape (field <c>body</c>), or has no
    /// <c>trackingNumber</c> (field <c>trackingNumber</c>).</exception>
    public static UpsTrackingStatus Parse(ReadOnlySpan<byte> body)
    {
        TrackingEventWire? message;
        try
        {
            message = JsonSerializer.Deserialize(body, UpsJsonContext.Default.TrackingEventWire);
        }
        catch (JsonException ex)
        {
            throw new ConnectorValidationException(UpsClient.Connector, "The UPS Track Alert event is not a JSON TrackingEventRequest.", field: "body", innerException: ex);
        }

        if (message is null)
        {
            throw new ConnectorValidationException(UpsClient.Connector, "The UPS Track Alert event is empty (JSON null).", field: "body");
        }

        if (string.IsNullOrWhiteSpace(message.TrackingNumber))
        {
            throw new ConnectorValidationException(UpsClient.Connector, "The UPS Track Alert event has no trackingNumber.", field: "trackingNumber");
        }

        var trackingNumber = message.TrackingNumber;
        if (!UpsTrackingNumber.IsValid(trackingNumber))
        {
            throw new ConnectorValidationException(UpsClient.Connector, "The UPS Track Alert event's trackingNumber is not a UPS tracking number (1Z + 16, or 1R + 14 or 26, ASCII digits and capitals).", field: "trackingNumber");
        }

        var status = message.ActivityStatus;
        var location = message.ActivityLocation;
        return new UpsTrackingStatus(trackingNumber, Found: true)
        {
            StatusType = Text(status?.Type),
            ActivityCode = Text(status?.Code),
            StatusCode = Text(status?.DescriptionCode),
            Description = Text(status?.Description),
            ActivityLocalTime = UpsWireFormat.ParseDateTime(message.LocalActivityDate, message.LocalActivityTime),
            ActivityTimeUtc = UpsWireFormat.ParseDateTime(message.GmtActivityDate, message.GmtActivityTime),
            Location = UpsWireFormat.JoinLocation(location?.City, location?.StateProvince, location?.Country),
            ScheduledDeliveryDate = UpsWireFormat.ParseDate(message.ScheduledDeliveryDate),
            DeliveredDate = UpsWireFormat.ParseDate(message.ActualDeliveryDate),
        };
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
