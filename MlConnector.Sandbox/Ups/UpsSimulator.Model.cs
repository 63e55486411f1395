using System.Globalization;
using System.Text.Json.Nodes;
using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Sandbox.Ups;

/// <content>Reading UPS's object-or-array JSON, writing it the way UPS's samples do, and the simulator's private state.</content>
public sealed partial class UpsSimulator
{
    /// <summary>One element or each element of an array: UPS sends repeatable elements in either form (PROTOCOL-NOTES §1).</summary>
    private static IEnumerable<JsonObject> Many(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject single => [single],
        _ => [],
    };

    /// <summary>Address lines as a string or an array of strings.</summary>
    private static List<string> Lines(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(Str).OfType<string>().Where(l => l.Length > 0)],
        _ => Str(node) is { Length: > 0 } line ? [line] : [],
    };

    private static string? Str(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<string>(out var text) ? text : value.ToJsonString()
        : null;

    private static decimal? Decimal(JsonNode? node) =>
        decimal.TryParse(Str(node), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>One node when there is one, an array when there are several, as UPS's samples write repeatable elements.</summary>
    private static JsonNode OneOrMany(List<JsonNode> nodes) => nodes.Count == 1 ? nodes[0] : new JsonArray([.. nodes]);

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static JsonObject Amount(decimal value, string currency) => new() { ["CurrencyCode"] = currency, ["MonetaryValue"] = Money(value) };

    /// <summary>
    /// <c>Response</c> with status 1 Success and <c>TransactionReference</c> (as UPS's samples); the request's
    /// <c>CustomerContext</c> is echoed when it is not empty (the specs give it <c>minLength: 1</c>).
    /// </summary>
    private static JsonObject ResponseHeader(JsonObject? request)
    {
        var reference = new JsonObject();
        if (Str(request?["Request"]?["TransactionReference"]?["CustomerContext"]) is { Length: > 0 } context)
        {
            reference["CustomerContext"] = context;
        }

        reference["TransactionIdentifier"] = "sim" + RandomToken()[..19];
        return new JsonObject
        {
            ["ResponseStatus"] = new JsonObject { ["Code"] = "1", ["Description"] = "Success" },
            ["TransactionReference"] = reference,
        };
    }

    /// <summary>Error codes that no stored UPS file defines; UPS's specs give the error shape only. These are the simulator's own.</summary>
    private static class SimulatorCodes
    {
        /// <summary>Token request without <c>grant_type=client_credentials</c>.</summary>
        public const string UnsupportedGrant = "10400";

        /// <summary><c>x-merchant-id</c> that is not one of the client's shipper numbers (answered 403 "Blocked Merchant", the spec's 403).</summary>
        public const string MerchantNotAllowed = "10403";

        /// <summary>XAV request option other than 1, 2 or 3.</summary>
        public const string XavRequestOption = "264001";

        /// <summary>XAV country other than US or PR.</summary>
        public const string XavCountry = "264002";

        /// <summary>XAV request without <c>XAVRequest.AddressKeyFormat</c>.</summary>
        public const string XavMissingAddress = "264003";

        /// <summary>Rating: missing or invalid <c>Shipper</c> address.</summary>
        public const string RateShipper = "111001";

        /// <summary>Rating: missing or invalid <c>ShipTo</c> address.</summary>
        public const string RateShipTo = "111002";

        /// <summary>Rating: missing package or package weight.</summary>
        public const string RatePackage = "111003";

        /// <summary>Rating: the bill-shipper account is not the caller's (message from UPS-API/api-documentation#115).</summary>
        public const string RatePaymentAccount = "111004";

        /// <summary>Rating/Shipping: a service not offered between the two countries, or unknown.</summary>
        public const string ServiceUnavailable = "111210";

        /// <summary>Shipping: missing <c>ShipTo</c> name or address (UPS uses 1202xx for ShipTo problems, e.g. 120207).</summary>
        public const string ShipShipTo = "120200";

        /// <summary>Shipping: missing <c>ShipFrom</c> address.</summary>
        public const string ShipShipFrom = "120300";

        /// <summary>Shipping: missing <c>PaymentInformation</c> or a bill-shipper account that is not the shipper's.</summary>
        public const string ShipPayment = "120400";

        /// <summary>Shipping: missing package, packaging code or weight.</summary>
        public const string ShipPackage = "120500";

        /// <summary>Void: no such shipment.</summary>
        public const string VoidUnknown = "190101";

        /// <summary>Void: a package is already delivered.</summary>
        public const string VoidDelivered = "190102";

        /// <summary>Quantum View request whose <c>RequestAction</c> is not <c>QVEvents</c>.</summary>
        public const string QuantumViewAction = "330001";
    }

    private sealed record Reply(int Status, JsonObject Content);

    private sealed record IssuedToken(UpsSimulatorClient Client, DateTimeOffset ExpiresAt, string? MerchantId = null);

    private sealed record SeededAddress(UpsAddressClassification Result, IReadOnlyList<UpsAddress> Candidates, string ClassificationCode);

    private sealed record UpsService(string Code, string Description, decimal Base, decimal PerPound, int TransitDays, bool Domestic);

    private sealed record TrackingStep(string Type, string Code, string Description, string StatusCode, string AlertType);

    private sealed record Place(string? City, string? State, string? PostalCode, string? Country)
    {
        public static Place From(JsonNode? address) =>
            new(Str(address?[nameof(City)]), Str(address?["StateProvinceCode"]), Str(address?[nameof(PostalCode)]), Str(address?["CountryCode"]));
    }

    private sealed record Activity(int Step, DateTimeOffset At, Place Where);

    private sealed record Subscription(DateTimeOffset ExpiresAt, IReadOnlySet<string> Preferences);

    private sealed class ShipmentState(string id, string shipperNumber, string serviceCode, decimal total, decimal? negotiated, string currency, string? reference, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;

        public List<string> TrackingNumbers { get; } = [];

        public bool Voided { get; set; }

        public UpsSimulatedShipment ToPublic() =>
            new(Id, shipperNumber, serviceCode, [.. TrackingNumbers], total, negotiated, currency, reference, createdAt, Voided);
    }

    private sealed class PackageState(string trackingNumber, ShipmentState shipment, UpsService service, Place origin, Place destination, JsonObject weight, DateOnly scheduled, string? reference)
    {
        public string TrackingNumber { get; } = trackingNumber;

        public ShipmentState Shipment { get; } = shipment;

        public UpsService Service { get; } = service;

        public Place Origin { get; } = origin;

        public Place Destination { get; } = destination;

        public JsonObject Weight { get; } = weight;

        public DateOnly Scheduled { get; } = scheduled;

        public string? Reference { get; } = reference;

        public List<Activity> Activities { get; } = [];

        public int Step => Activities[^1].Step;
    }
}
