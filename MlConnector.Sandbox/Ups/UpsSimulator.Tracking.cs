using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Sandbox.Ups;

/// <content>Tracking (Tracking.yaml) and Track Alert (UPSTrackAlert.yaml): timelines, subscriptions and pushes.</content>
public sealed partial class UpsSimulator
{
    private static JsonObject TrackAddress(Place place)
    {
        var address = new JsonObject();
        if (place.City is { } city)
        {
            address["city"] = city;
        }

        if (place.State is { } state)
        {
            address["stateProvince"] = state;
        }

        if (place.PostalCode is { } postal)
        {
            address["postalCode"] = postal;
        }

        if (place.Country is { } country)
        {
            address["country"] = country;
            address["countryCode"] = country;
        }

        return address;
    }

    private static JsonObject Status(TrackingStep step) => new()
    {
        ["type"] = step.Type,
        ["description"] = step.Description,
        ["code"] = step.Code,
        ["statusCode"] = step.StatusCode,
    };

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture);

    /// <summary>
    /// The <c>TrackingEventRequest</c> UPS POSTs for one activity (UPSTrackAlert.yaml <c>webhooks.TrackingEvent</c>). Local
    /// times are the simulator's UTC times, so <c>gmtOffset</c> is <c>+00.00</c>; the postal code and actual delivery date and
    /// time are sent only with the delivery, as the spec describes.
    /// </summary>
    private static JsonObject TrackingEvent(PackageState package, Activity activity)
    {
        var step = Timeline[activity.Step];
        var delivered = step.Type == "D";
        var location = new JsonObject();
        if (activity.Where.City is { } city)
        {
            location["city"] = city;
        }

        if (activity.Where.State is { Length: 2 } state && state.All(char.IsAsciiLetterUpper))
        {
            location["stateProvince"] = state;
        }

        if (delivered && activity.Where.PostalCode is { } postal && StrictPostalCode().IsMatch(postal))
        {
            location["postalCode"] = postal;
        }

        if (activity.Where.Country is { Length: 2 } country)
        {
            location["country"] = country;
        }

        var body = new JsonObject
        {
            ["trackingNumber"] = package.TrackingNumber,
            ["localActivityDate"] = Date(activity.At),
            ["localActivityTime"] = Time(activity.At),
            ["activityLocation"] = location,
            ["activityStatus"] = new JsonObject
            {
                ["type"] = step.AlertType,
                ["code"] = step.Code,
                ["description"] = step.Description,
                ["descriptionCode"] = step.StatusCode,
            },
            ["scheduledDeliveryDate"] = package.Scheduled.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            ["gmtActivityDate"] = Date(activity.At),
            ["gmtActivityTime"] = Time(activity.At),
            ["gmtOffset"] = "+00.00",
        };
        if (delivered)
        {
            body["actualDeliveryDate"] = Date(activity.At);
            body["actualDeliveryTime"] = Time(activity.At);
        }

        return body;
    }

    [GeneratedRegex(@"^\d{5}(?:[-\s]\d{4})?$")]
    private static partial Regex StrictPostalCode();

    [GeneratedRegex(@"(^1Z[0-9A-Z]{16}$)|(^1R[0-9A-Z]{14}$)|(^1R[0-9A-Z]{26}$)")]
    private static partial Regex TrackingNumberPattern();

    [GeneratedRegex(@"^[a-z]{2}_[A-Z]{2}$")]
    private static partial Regex LocalePattern();

    [GeneratedRegex(@"^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    private static JsonObject PackageJson(PackageState package)
    {
        var current = Timeline[package.Step];
        var delivered = current.Type == "D";
        var last = package.Activities[^1];
        var json = new JsonObject
        {
            ["trackingNumber"] = package.TrackingNumber,
            ["deliveryDate"] = new JsonArray(new JsonObject
            {
                ["type"] = delivered ? "DEL" : "SDD",
                ["date"] = delivered ? Date(last.At) : package.Scheduled.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            }),
            ["deliveryTime"] = delivered
                ? new JsonObject { ["type"] = "DEL", ["endTime"] = Time(last.At) }
                : new JsonObject { ["type"] = "EOD" },
            ["activity"] = new JsonArray([.. package.Activities.AsEnumerable().Reverse().Select(a => (JsonNode?)new JsonObject
            {
                ["location"] = new JsonObject { ["address"] = TrackAddress(a.Where) },
                ["status"] = Status(Timeline[a.Step]),
                ["date"] = Date(a.At),
                ["time"] = Time(a.At),
                ["gmtDate"] = Date(a.At),
                ["gmtOffset"] = "+00:00",
                ["gmtTime"] = a.At.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            })]),
            ["currentStatus"] = Status(current),
            ["packageAddress"] = new JsonArray(
                new JsonObject { ["type"] = "ORIGIN", ["address"] = TrackAddress(package.Origin) },
                new JsonObject { ["type"] = "DESTINATION", ["address"] = TrackAddress(package.Destination) }),
            ["weight"] = new JsonObject
            {
                ["unitOfMeasurement"] = "LBS",
                ["weight"] = Str(package.Weight["Weight"]),
            },
            ["service"] = new JsonObject { ["code"] = package.Service.Code, ["levelCode"] = package.Service.Code, ["description"] = package.Service.Description },
            ["packageCount"] = package.Shipment.TrackingNumbers.Count,
        };
        if (package.Reference is { } reference)
        {
            json["referenceNumber"] = new JsonArray(new JsonObject { ["type"] = "SHIPMENT", ["number"] = reference });
        }

        if (delivered)
        {
            json["deliveryInformation"] = new JsonObject { ["location"] = "Front Door", ["receivedBy"] = string.Empty };
        }

        return json;
    }

    /// <summary>
    /// <c>GET /track/v1/details/{inquiryNumber}</c>. Tracking.yaml marks <c>transId</c> and <c>transactionSrc</c> required but
    /// lists no codes, so their absence is answered with the Track Alert codes VSS002 / VSS004 (UPSTrackAlert.yaml).
    /// </summary>
    private Reply Track(HttpRequest request, string number)
    {
        if (Header(request, "transId") is null)
        {
            return Error(400, "VSS002", "Missing transId");
        }

        if (Header(request, "transactionSrc") is null)
        {
            return Error(400, "VSS004", "Missing transactionSrc");
        }

        JsonObject shipment;
        lock (_lock)
        {
            shipment = _packages.TryGetValue(number, out var package)
                ? new JsonObject { ["inquiryNumber"] = number, ["package"] = new JsonArray(PackageJson(package)) }
                : new JsonObject
                {
                    ["inquiryNumber"] = number,
                    ["warnings"] = new JsonArray(new JsonObject { ["code"] = "TW0001", ["message"] = "Tracking Information Not Found" }),
                };
        }

        return new Reply(200, new JsonObject { ["trackResponse"] = new JsonObject { ["shipment"] = new JsonArray(shipment) } });
    }

    /// <summary><c>POST /track/v2/subscription/{type}/package</c> with the checks and codes of UPSTrackAlert.yaml's error table.</summary>
    private Reply Subscribe(HttpRequest request, string type, string? body, JsonObject? json)
    {
        if (Header(request, "transId") is null)
        {
            return Error(400, "VSS002", "Missing transId");
        }

        if (Header(request, "transactionSrc") is null)
        {
            return Error(400, "VSS004", "Missing transactionSrc");
        }

        if (type is not ("standard" or "enhanced"))
        {
            return Error(400, "VSS930", "Type is missing or invalid, The Subscription request has been rejected.");
        }

        if (string.IsNullOrWhiteSpace(body) || json is null)
        {
            return Error(400, "VSS110", "Subscription request is empty or not present. The Subscription request has been rejected.");
        }

        if (json["trackingNumberList"] is not JsonArray list)
        {
            return Error(400, "VSS200", "Tracking Number List is required. The Subscription request has been rejected.");
        }

        var numbers = list.Select(n => Str(n) ?? string.Empty).ToList();
        if (numbers.Count > MaxTrackingNumbersPerSubscription)
        {
            return Rejected(numbers, "VSS220", "You have submitted over 100 tracking numbers which is not allowed. The entire submission of tracking numbers has been rejected.  Please resubmit your request again using groups of no more than 100 tracking numbers.");
        }

        if (Str(json["locale"]) is not { } locale)
        {
            return Error(400, "VSS300", "Locale is required. The Subscription request has been rejected.");
        }

        if (!LocalePattern().IsMatch(locale))
        {
            return Error(400, "VSS310", "Please enter a valid locale. The Subscription request has been rejected");
        }

        if (json.ContainsKey("countryCode") && (Str(json["countryCode"]) is not { } country || !CountryPattern().IsMatch(country)))
        {
            return Error(400, "VSS400", "Please enter a valid country code. The Subscription request has been rejected.");
        }

        var valid = numbers.Where(n => TrackingNumberPattern().IsMatch(n)).Distinct(StringComparer.Ordinal).ToList();
        var invalid = numbers.Where(n => !TrackingNumberPattern().IsMatch(n)).ToList();
        if (valid.Count == 0)
        {
            return Rejected(invalid, "VSS210", "The Subscription request should have at least one valid tracking number. The Subscription request has been rejected.");
        }

        var preferences = type == "enhanced" && json["eventPreferences"] is JsonArray wanted
            ? wanted.Select(Str).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        lock (_lock)
        {
            var expires = _time.GetUtcNow() + UpsTrackAlertSubscriptionResult.SubscriptionLifetime;
            foreach (var number in valid)
            {
                _subscriptions[number] = new Subscription(expires, preferences);
            }

            _subscriptionRequests++;
        }

        var response = new JsonObject { ["validTrackingNumbers"] = Strings(valid) };
        if (invalid.Count > 0)
        {
            response["invalidTrackingNumbers"] = Strings(invalid);
        }

        return new Reply(200, response);

        static Reply Rejected(IEnumerable<string> invalidNumbers, string code, string message)
        {
            var reply = Error(400, code, message);
            reply.Content["invalidTrackingNumbers"] = Strings(invalidNumbers);
            return reply;
        }
    }

    private async Task<IReadOnlyList<UpsTrackAlertPush>> MoveAsync(string trackingNumber, bool toDelivered, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trackingNumber);
        Uri? url;
        string? apiKey;
        string body;
        lock (_lock)
        {
            var package = _packages.GetValueOrDefault(trackingNumber) ?? throw new KeyNotFoundException($"The simulator has no package {trackingNumber}.");
            if (package.Shipment.Voided || Timeline[package.Step].Type == "D")
            {
                throw new InvalidOperationException($"Package {trackingNumber} is {(package.Shipment.Voided ? "voided" : "delivered")}.");
            }

            var step = toDelivered ? Timeline.Length - 1 : package.Step + 1;
            var activity = new Activity(step, _time.GetUtcNow(), step >= 3 ? package.Destination : package.Origin);
            package.Activities.Add(activity);
            body = TrackingEvent(package, activity).ToJsonString();
            var active = _subscriptions.TryGetValue(trackingNumber, out var subscription) && subscription.ExpiresAt > activity.At
                && (subscription.Preferences.Count == 0 || subscription.Preferences.Contains(Timeline[step].AlertType));
            (url, apiKey) = active ? (_webhookUrl, _webhookApiKey) : (null, null);
        }

        if (url is null || apiKey is null)
        {
            return [];
        }

        if (HoldTrackAlertPushes)
        {
            var held = new UpsTrackAlertPush(trackingNumber, url, body, null, HeldPush, _time.GetUtcNow());
            lock (_lock)
            {
                _pushes.Add(held);
            }

            return [held];
        }

        return [await PostPushAsync(trackingNumber, url, apiKey, body, cancellationToken)];
    }

    private async Task<UpsTrackAlertPush> PostPushAsync(string trackingNumber, Uri url, string apiKey, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("User-Agent", TrackAlertUserAgent);
        request.Headers.Add("x-api-key", apiKey);
        UpsTrackAlertPush push;
        try
        {
            using var response = await _pushClient.SendAsync(request, cancellationToken);
            push = new UpsTrackAlertPush(trackingNumber, url, body, (int)response.StatusCode, null, _time.GetUtcNow());
        }
        catch (HttpRequestException ex)
        {
            push = new UpsTrackAlertPush(trackingNumber, url, body, null, ex.Message, _time.GetUtcNow());
        }

        lock (_lock)
        {
            _pushes.Add(push);
        }

        return push;
    }
}
