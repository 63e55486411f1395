using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;

/// <summary>
/// Reads the body of a QuickBooks Online webhook delivery, in either format, into entity changes.
/// </summary>
/// <remarks>
/// <para>The format is detected from the content, never from the <c>Content-Type</c> (CloudEvents may come as
/// <c>application/cloudevents+json</c>): an object with <c>eventNotifications</c> is the legacy format, an array of
/// objects with <c>specversion</c> (or a single such object) is CloudEvents. Source: PROTOCOL-NOTES.md §2.</para>
/// <list type="bullet">
/// <item>Legacy: <c>{"eventNotifications":[{"realmId","dataChangeEvent":{"entities":[{"name","id","operation","lastUpdated"}]}}]}</c>
/// (<c>contracts/quickbooks-online/webhooks/legacy-eventNotifications.docs-sample.json</c>). The event id is built by
/// <see cref="QboChangeOperations.EventIdFor"/>.</item>
/// <item>CloudEvents: <c>[{"specversion":"1.0","id","source","type":"qbo.&lt;entity&gt;.&lt;operation&gt;.v1","time","intuitentityid","intuitaccountid",…}]</c>,
/// up to 100 events from several realms (<c>contracts/quickbooks-online/webhooks/cloudevents.dotnet-sdk-test.json</c>).
/// The array is a CloudEvents JSON <em>batch</em> (CloudEvents JSON Event Format §4, "JSON Batch Format") and is decoded
/// by the CNCF SDK (<c>CloudNative.CloudEvents.SystemTextJson</c>'s <see cref="JsonEventFormatter.DecodeBatchModeMessage(ReadOnlyMemory{byte}, System.Net.Mime.ContentType?, IEnumerable{CloudEventAttribute}?)"/>;
/// a single object, structured mode). The SDK checks what the spec requires of every event (<c>specversion</c>,
/// <c>id</c>, <c>source</c>, <c>type</c>; a parseable <c>time</c>); Intuit's extension attributes <c>intuitentityid</c>
/// and <c>intuitaccountid</c> are declared as string extensions (<see cref="IntuitEntityId"/>, <see cref="IntuitAccountId"/>)
/// and required here. The event id is the CloudEvents <c>id</c>.</item>
/// </list>
/// </remarks>
public static class QboWebhookPayload
{
    /// <summary>The CloudEvents <c>type</c> prefix of QuickBooks Online events.</summary>
    public const string CloudEventsTypePrefix = "qbo.";

    /// <summary>Intuit's CloudEvents extension attribute holding the changed entity's id (a string).</summary>
    public static readonly CloudEventAttribute IntuitEntityId = CloudEventAttribute.CreateExtension("intuitentityid", CloudEventAttributeType.String);

    /// <summary>Intuit's CloudEvents extension attribute holding the company (realm) id (a string).</summary>
    public static readonly CloudEventAttribute IntuitAccountId = CloudEventAttribute.CreateExtension("intuitaccountid", CloudEventAttributeType.String);

    private static readonly CloudEventAttribute[] IntuitExtensions = [IntuitEntityId, IntuitAccountId];
    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>Parses a delivery.</summary>
    /// <param name="body">The raw request body (UTF-8 JSON).</param>
    /// <returns>The changes, in delivery order.</returns>
    /// <exception cref="FormatException">When the body is not JSON, is neither format, or an event lacks a required member
    /// or has an unreadable time; the message names what is wrong (never a value from a signature or token).</exception>
    public static IReadOnlyList<QboEntityChange> Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The QBO webhook body is not JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("eventNotifications", out var notifications))
            {
                return ParseLegacy(notifications);
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                return [.. DecodeCloudEvents(body.ToArray(), batch: true).Select(ToChange)];
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("specversion", out _))
            {
                return [.. DecodeCloudEvents(body.ToArray(), batch: false).Select(ToChange)];
            }

            throw new FormatException("The QBO webhook body is neither the legacy format (eventNotifications) nor CloudEvents (an array of events with specversion).");
        }
    }

    private static List<QboEntityChange> ParseLegacy(JsonElement notifications)
    {
        if (notifications.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("eventNotifications must be an array.");
        }

        var changes = new List<QboEntityChange>();
        var n = 0;
        foreach (var notification in notifications.EnumerateArray())
        {
            var where = $"eventNotifications[{n++}]";
            var realmId = RequiredString(notification, "realmId", where);
            if (!notification.TryGetProperty("dataChangeEvent", out var dataChange) || dataChange.ValueKind != JsonValueKind.Object
                || !dataChange.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{where}.dataChangeEvent.entities must be an array.");
            }

            var e = 0;
            foreach (var entity in entities.EnumerateArray())
            {
                var at = $"{where}.dataChangeEvent.entities[{e++}]";
                var name = QboEntityNames.Normalize(RequiredString(entity, "name", at));
                var id = RequiredString(entity, "id", at);
                var operation = QboChangeOperations.Normalize(RequiredString(entity, "operation", at));
                var occurred = OptionalTime(entity, "lastUpdated", at);
                changes.Add(new QboEntityChange(realmId, name, id, operation, occurred, QboChangeOperations.EventIdFor(realmId, name, id, operation, occurred)));
            }
        }

        return changes;
    }

    private static IReadOnlyList<(CloudEvent Event, int Index)> DecodeCloudEvents(byte[] body, bool batch)
    {
        try
        {
            var events = batch
                ? Formatter.DecodeBatchModeMessage(body, contentType: null, IntuitExtensions)
                : [Formatter.DecodeStructuredModeMessage(body, contentType: null, IntuitExtensions)];
            return [.. events.Select((e, i) => (e, i))];
        }
        catch (ArgumentException ex)
        {
            // The SDK names the attribute or element at fault (never a header value: the signature is not in the body).
            throw new FormatException("The QBO CloudEvents delivery is not valid CloudEvents JSON: " + ex.Message, ex);
        }
    }

    private static QboEntityChange ToChange((CloudEvent Event, int Index) item)
    {
        var (cloudEvent, index) = item;
        var at = $"event[{index}]";
        var type = cloudEvent.Type!;
        var parts = type.Split('.');
        if (parts.Length != 4 || !type.StartsWith(CloudEventsTypePrefix, StringComparison.OrdinalIgnoreCase)
            || parts[1].Length == 0 || parts[2].Length == 0 || !parts[3].StartsWith('v'))
        {
            throw new FormatException($"{at}.type is not of the form qbo.<entity>.<operation>.v<n>.");
        }

        return new QboEntityChange(
            RequiredExtension(cloudEvent, IntuitAccountId, at),
            QboEntityNames.Normalize(parts[1]),
            RequiredExtension(cloudEvent, IntuitEntityId, at),
            QboChangeOperations.Normalize(parts[2]),
            cloudEvent.Time,
            cloudEvent.Id!);
    }

    private static string RequiredExtension(CloudEvent cloudEvent, CloudEventAttribute attribute, string at) =>
        cloudEvent[attribute] is string { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : throw new FormatException($"{at}.{attribute.Name} is missing.");

    private static string RequiredString(JsonElement element, string name, string at)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            throw new FormatException($"{at}.{name} is missing.");
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? throw new FormatException($"{at}.{name} must be a non-empty string.") : text.Trim();
    }

    private static DateTimeOffset? OptionalTime(JsonElement element, string name, string at)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && QboTime.TryParse(value.GetString(), out var time)
            ? time
            : throw new FormatException($"{at}.{name} is not an ISO 8601 date-time.");
    }
}
