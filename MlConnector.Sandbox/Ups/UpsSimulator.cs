using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Sandbox.Ups;

/// <summary>
/// A stateful UPS on loopback Kestrel (<c>http://127.0.0.1:{free port}</c>) for tests and the demo: OAuth client
/// credentials, Address Validation (XAV), Rating, Shipping, Tracking and Track Alert, shaped after UPS's own OpenAPI
/// specs (<c>contracts/ups/*.yaml</c>) and samples (<c>contracts/ups/samples</c>).
/// </summary>
/// <remarks>
/// <para>Endpoints. The token endpoint is <see cref="TokenEndpoint"/> (<c>POST /security/v1/oauth/token</c>); the APIs live
/// under <see cref="ApiBaseAddress"/> (<c>/api</c>, as <c>https://onlinetools.ups.com/api</c>) and, for convenience, also
/// at the root.</para>
/// <list type="bullet">
/// <item><b>OAuth</b> (OAuthClientCredentials.yaml): HTTP Basic with a client registered by <see cref="RegisterClient"/>,
/// form body <c>grant_type=client_credentials</c>, optional <c>x-merchant-id</c> that must be one of the client's shipper
/// numbers. The answer is <c>tokenSuccessResponse</c> with <c>expires_in</c> and <c>issued_at</c> (epoch ms) as strings;
/// the lifetime is <see cref="TokenLifetime"/> (UPS is cutting 4 h to 1 h, PROTOCOL-NOTES §1). Token requests are counted
/// per client per UTC day; beyond <see cref="DailyTokenQuota"/> the answer is 429 "Quota Limit Exceeded" with code
/// <c>10429</c>.</item>
/// <item><b>API auth</b>: a bearer token issued here and unexpired; otherwise 401 with UPS's codes from the error table in
/// UPSTrackAlert.yaml: <c>UJ0001</c> (no token), <c>250002</c> (unknown token), <c>251004</c> (expired token).</item>
/// <item><b>XAV</b> <c>POST /addressvalidation/v2/{1|2|3}</c>: see <see cref="SeedAddressResult"/> for the rules.</item>
/// <item><b>Rating</b> <c>POST /rating/{version}/{Rate|Shop|Ratetimeintransit|Shoptimeintransit}</c> and <b>Shipping</b>
/// <c>POST /shipments/{version}/ship</c>: charges from <see cref="PublishedCharge"/>; negotiated charges only when the request
/// carries <c>ShipmentRatingOptions.NegotiatedRatesIndicator</c> and the shipper number was enabled with
/// <see cref="EnableNegotiatedRates"/> (Rating.yaml: "If the indicator is present, the Shipper is authorized … then
/// Negotiated Rates should be returned").</item>
/// <item><b>Void</b> <c>DELETE /shipments/{version}/void/cancel/{id}</c>: an already voided shipment answers success again
/// (Shipping.yaml <c>PackageLevelResults.Status</c>: "1 = Voided or Already Voided"); a delivered one is refused.</item>
/// <item><b>Tracking</b> <c>GET /track/v1/details/{inquiryNumber}</c> (headers <c>transId</c> and <c>transactionSrc</c>
/// required): the package's timeline, advanced by <see cref="AdvanceAsync"/> and <see cref="DeliverAsync"/>; an unknown
/// number answers 200 with warning <c>TW0001</c> (UPS-API/api-documentation#166).</item>
/// <item><b>Track Alert</b> <c>POST /track/v2/subscription/{standard|enhanced}/package</c>: VSS codes from UPSTrackAlert.yaml;
/// each accepted number is subscribed for 14 days from now (renewing extends it); status changes of subscribed packages are
/// POSTed to <see cref="ConfigureTrackAlertWebhook"/>'s URL with <c>User-Agent: UPSPubSubTrackingService</c> and
/// <c>x-api-key</c>.</item>
/// <item><b>Repeatable elements</b> are read as one object or an array (PROTOCOL-NOTES §1). Responses write a repeatable
/// element as one object when there is one and as an array when there are several, as UPS's samples do
/// (<c>samples/rating/simpleRateResponse.json</c>, <c>samples/shipping/resp_ShipmentResponse.json</c>); XAV v2 always
/// writes <c>Candidate</c> as an array (AddressValidation.yaml: "For versions &gt;= v2, this element will always be returned
/// as an array").</item>
/// <item><b>Tracking by reference</b> <c>GET /track/v1/reference/details/{referenceNumber}</c>: the caller's packages
/// carrying that reference (how a client finds a shipment whose Ship answer it never received).</item>
/// <item><b>Faults</b>: <see cref="ThrottleNext"/>, <see cref="FailNextRequest"/> and <see cref="DropNextResponse"/> for one
/// request; <see cref="Faults"/> for random 5xx, 429 with Retry-After and lost responses (the chaos run). The token endpoint
/// is exempt from <see cref="Faults"/>: it is a client-credentials grant with a daily quota, so its failures are the token
/// manager's fault class (token expiry and refused refreshes are driven by the OAuth server), and an injected 5xx there
/// would spend the quota rather than test a shipping step.</item>
/// </list>
/// <para>Error codes UPS publishes nowhere in the stored files are the simulator's own choice and are listed where they are
/// used (<see cref="SimulatorCodes"/>): UPS's specs define the error shape but not these codes.</para>
/// </remarks>
public sealed partial class UpsSimulator : IAsyncDisposable
{
    /// <summary>The <c>User-Agent</c> of Track Alert pushes (UPSTrackAlert.yaml, <c>webhooks.TrackingEvent</c>).</summary>
    public const string TrackAlertUserAgent = "UPSPubSubTrackingService";

    /// <summary>At most this many tracking numbers per Track Alert request; more is VSS220 (UPSTrackAlert.yaml).</summary>
    public const int MaxTrackingNumbersPerSubscription = 100;

    private const string Currency = "USD";
    private const int DefaultMaximumCandidates = 15;
    private const string GifLabel = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    private const string PngLabel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    private const decimal PoundsPerKilogram = 2.20462m;

    private static readonly Dictionary<string, UpsService> Services = new(StringComparer.Ordinal)
    {
        ["01"] = new("01", "UPS Next Day Air", 45.00m, 6.00m, 1, Domestic: true),
        ["02"] = new("02", "UPS 2nd Day Air", 22.00m, 3.50m, 2, Domestic: true),
        ["03"] = new("03", "UPS Ground", 8.35m, 1.10m, 5, Domestic: true),
        ["12"] = new("12", "UPS 3 Day Select", 15.00m, 2.25m, 3, Domestic: true),
        ["13"] = new("13", "UPS Next Day Air Saver", 38.00m, 5.00m, 1, Domestic: true),
        ["14"] = new("14", "UPS Next Day Air Early", 85.00m, 6.50m, 1, Domestic: true),
        ["59"] = new("59", "UPS 2nd Day Air A.M.", 26.00m, 3.75m, 2, Domestic: true),
        ["07"] = new("07", "UPS Worldwide Express", 60.00m, 8.00m, 2, Domestic: false),
        ["08"] = new("08", "UPS Worldwide Expedited", 50.00m, 7.00m, 4, Domestic: false),
        ["11"] = new("11", "UPS Standard", 20.00m, 2.50m, 6, Domestic: false),
        ["54"] = new("54", "UPS Worldwide Express Plus", 90.00m, 9.00m, 1, Domestic: false),
        ["65"] = new("65", "UPS Worldwide Saver", 55.00m, 7.50m, 3, Domestic: false),
    };

    private static readonly string[] DomesticShop = ["03", "12", "02", "13", "01"];
    private static readonly string[] InternationalShop = ["11", "08", "65", "07", "54"];

    /// <summary>The package timeline, in order. Sources per step in <see cref="AdvanceAsync"/>.</summary>
    private static readonly TrackingStep[] Timeline =
    [
        new("M", "MP", "Shipper created a label, UPS has not received the package yet.", "003", "M"),
        new("P", "PU", "Pickup Scan", "005", "I"),
        new("I", "DP", "Departed from Facility", "005", "I"),
        new("I", "OT", "Out for Delivery", "021", "I"),
        new("D", "FS", "Delivered", "011", "D"),
    ];

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly HttpClient _pushClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Lock _lock = new();
    private readonly Dictionary<string, UpsSimulatorClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ClientId, DateOnly Day), int> _tokenRequests = [];
    private readonly List<string> _tokenMerchantIds = [];
    private readonly Dictionary<string, decimal> _negotiatedDiscounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SeededAddress> _seededAddresses = new(StringComparer.Ordinal);
    private readonly List<ShipmentState> _shipments = [];
    private readonly Dictionary<string, PackageState> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly List<UpsSimulatorRequest> _requests = [];
    private readonly List<UpsTrackAlertPush> _pushes = [];
    private readonly Queue<UpsSimulatorFault> _faults = new();
    private int _throttleNext;
    private int _dropNext;
    private int _shipmentCreates;
    private int _subscriptionRequests;
    private long _nextPackageSequence = 1;
    private Uri? _webhookUrl;
    private string? _webhookApiKey;

    private UpsSimulator(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    /// <summary>Random faults on the API routes (not the token endpoint); off until <see cref="SimulatorFaults.Enable"/>.</summary>
    public SimulatorFaults Faults { get; } = new() { Applies = request => !IsTokenRequest(request) };

    /// <summary>The server's base address, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The APIs' base address, <c>{BaseAddress}api/</c>: a connection's <c>ups.baseUrl</c>.</summary>
    public Uri ApiBaseAddress => new(BaseAddress, "api/");

    /// <summary>The client-credentials token endpoint, <c>{BaseAddress}security/v1/oauth/token</c>.</summary>
    public Uri TokenEndpoint => new(BaseAddress, "security/v1/oauth/token");

    /// <summary>The access-token lifetime, sent as <c>expires_in</c>. Default 3600 s (UPS's lifetime from 2026-04-01, PROTOCOL-NOTES §1).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Token requests allowed per client per UTC day; more are answered 429 (OAuthClientCredentials.yaml: 429 "Quota Limit
    /// Exceeded"). UPS publishes no number (PROTOCOL-NOTES §1, "Rate limits: Not published"); the default 1000 is the simulator's.
    /// </summary>
    public int DailyTokenQuota { get; set; } = 1000;

    /// <summary>How many <c>POST …/ship</c> requests created a shipment.</summary>
    public int ShipmentCreateCount
    {
        get
        {
            lock (_lock)
            {
                return _shipmentCreates;
            }
        }
    }

    /// <summary>How many Track Alert subscription requests were answered 200.</summary>
    public int SubscriptionRequestCount
    {
        get
        {
            lock (_lock)
            {
                return _subscriptionRequests;
            }
        }
    }

    /// <summary>Starts the simulator on a free loopback port.</summary>
    /// <param name="timeProvider">The clock for tokens, quotas, subscriptions and tracking times; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<UpsSimulator> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        UpsSimulator? simulator = null;
        var (_, address) = await LoopbackHost.StartAsync(
            app =>
            {
                simulator = new UpsSimulator(app, timeProvider ?? TimeProvider.System);
                app.Use(simulator.Faults.InvokeAsync);
                app.Run(simulator.HandleAsync);
            },
            cancellationToken);
        simulator!.BaseAddress = address;
        return simulator;
    }

    /// <summary>
    /// The published charge of one package: <c>base + perPound × billable pounds</c>, where the billable weight is the weight
    /// in pounds (kilograms × 2.20462) rounded up to a whole pound, at least 1. Per service (base, per pound, USD):
    /// 01 Next Day Air 45.00 + 6.00; 02 2nd Day Air 22.00 + 3.50; 03 Ground 8.35 + 1.10 (1 lb = 9.45, as UPS's
    /// <c>simpleRateResponse.json</c>); 12 3 Day Select 15.00 + 2.25; 13 Next Day Air Saver 38.00 + 5.00; 14 Next Day Air
    /// Early 85.00 + 6.50; 59 2nd Day Air A.M. 26.00 + 3.75; 07 Worldwide Express 60.00 + 8.00; 08 Worldwide Expedited
    /// 50.00 + 7.00; 11 Standard 20.00 + 2.50; 54 Worldwide Express Plus 90.00 + 9.00; 65 Saver 55.00 + 7.50. The numbers are
    /// the simulator's; the service codes are Rating.yaml's.
    /// </summary>
    /// <param name="serviceCode">The UPS service code.</param>
    /// <param name="weight">The package weight.</param>
    /// <param name="weightUnit"><c>LBS</c> or <c>KGS</c>.</param>
    /// <returns>The charge in USD.</returns>
    /// <exception cref="ArgumentException">When the service code is not one of the above.</exception>
    public static decimal PublishedCharge(string serviceCode, decimal weight, string weightUnit = "LBS")
    {
        var service = Services.GetValueOrDefault(serviceCode) ?? throw new ArgumentException($"Unknown service {serviceCode}.", nameof(serviceCode));
        return service.Base + (service.PerPound * BillablePounds(weight, weightUnit));
    }

    /// <summary>Registers an application: its credentials and the shipper numbers it may use.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <param name="shipperNumbers">Its 6-character UPS shipper (account) numbers.</param>
    public void RegisterClient(string clientId, string clientSecret, params string[] shipperNumbers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        ArgumentNullException.ThrowIfNull(shipperNumbers);
        lock (_lock)
        {
            _clients[clientId] = new UpsSimulatorClient(clientId, clientSecret, [.. shipperNumbers.Select(n => n.ToUpperInvariant())]);
        }
    }

    /// <summary>Gives a shipper number negotiated rates: the published charge less <paramref name="discountPercent"/>, rounded to cents.</summary>
    /// <param name="shipperNumber">The shipper number.</param>
    /// <param name="discountPercent">The discount, 0–100. Default 20.</param>
    public void EnableNegotiatedRates(string shipperNumber, decimal discountPercent = 20m)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipperNumber);
        ArgumentOutOfRangeException.ThrowIfNegative(discountPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(discountPercent, 100m);
        lock (_lock)
        {
            _negotiatedDiscounts[shipperNumber] = discountPercent;
        }
    }

    /// <summary>Where Track Alert events go, and the <c>x-api-key</c> value sent with them (UPS sends the client id).</summary>
    /// <param name="url">The webhook URL.</param>
    /// <param name="apiKey">The <c>x-api-key</c> header value.</param>
    public void ConfigureTrackAlertWebhook(Uri url, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        lock (_lock)
        {
            _webhookUrl = url;
            _webhookApiKey = apiKey;
        }
    }

    /// <summary>
    /// Fixes what XAV answers for an address (matched by its first address line, case- and space-insensitive, and its 5-digit
    /// ZIP). Without a seed XAV answers by rules: no address line, or a postal code that is not a 5-digit ZIP → no candidates;
    /// a first address line that does not start with a house number → ambiguous, with the candidates <c>100 {line}</c> and
    /// <c>200 {line}</c>; otherwise valid, with the input upper-cased as the one candidate (ZIP+4 extension kept, or
    /// <c>0001</c>). Classification (request options 2 and 3): <c>APT</c>, <c>UNIT</c> or <c>#</c> in the lines → 2
    /// Residential; <c>STE</c>, <c>SUITE</c> or <c>FL</c> → 1 Commercial; otherwise 0 UnClassified. Countries other than
    /// US and PR are refused (AddressValidation.yaml: "valid addresses in the U.S. and Puerto Rico").
    /// </summary>
    /// <param name="address">The address as it will be asked.</param>
    /// <param name="result">What XAV says.</param>
    /// <param name="candidates">The candidates: none for <see cref="UpsAddressClassification.NoCandidates"/>, two or more for
    /// <see cref="UpsAddressClassification.Ambiguous"/>, and for <see cref="UpsAddressClassification.Valid"/> one (or none
    /// to answer the address itself).</param>
    /// <param name="classificationCode"><c>0</c> UnClassified, <c>1</c> Commercial, <c>2</c> Residential.</param>
    /// <exception cref="ArgumentException">When the candidates do not fit the result.</exception>
    public void SeedAddressResult(UpsAddress address, UpsAddressClassification result, IReadOnlyList<UpsAddress>? candidates = null, string classificationCode = "0")
    {
        ArgumentNullException.ThrowIfNull(address);
        candidates ??= [];
        var fits = result switch
        {
            UpsAddressClassification.NoCandidates => candidates.Count == 0,
            UpsAddressClassification.Ambiguous => candidates.Count >= 2,
            _ => candidates.Count <= 1,
        };
        if (!fits || classificationCode is not ("0" or "1" or "2"))
        {
            throw new ArgumentException($"{candidates.Count} candidates or classification {classificationCode} do not fit {result}.", nameof(candidates));
        }

        var list = result == UpsAddressClassification.Valid && candidates.Count == 0 ? [address] : candidates;
        lock (_lock)
        {
            _seededAddresses[AddressKey(address.AddressLines.Count > 0 ? address.AddressLines[0] : null, address.PostalCode)] = new SeededAddress(result, list, classificationCode);
        }
    }

    /// <summary>The <c>x-merchant-id</c> of every token issued, in order (tokens requested without one are not listed).</summary>
    /// <returns>The merchant ids.</returns>
    public IReadOnlyList<string> GetTokenMerchantIds()
    {
        lock (_lock)
        {
            return [.. _tokenMerchantIds];
        }
    }

    /// <summary>Token requests from a client today (UTC, by the simulator's clock), refused ones included.</summary>
    /// <param name="clientId">The client id.</param>
    /// <returns>The count.</returns>
    public int GetTokenRequestCount(string clientId)
    {
        lock (_lock)
        {
            return _tokenRequests.GetValueOrDefault((clientId, Today()));
        }
    }

    /// <summary>True when <paramref name="accessToken"/> was issued here and has not expired.</summary>
    /// <param name="accessToken">A bearer token.</param>
    /// <returns>Whether the APIs accept it now.</returns>
    public bool IsAccessTokenValid(string accessToken)
    {
        lock (_lock)
        {
            return _tokens.TryGetValue(accessToken, out var token) && token.ExpiresAt > _time.GetUtcNow();
        }
    }

    /// <summary>The shipments created so far, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<UpsSimulatedShipment> GetShipments()
    {
        lock (_lock)
        {
            return [.. _shipments.Select(s => s.ToPublic())];
        }
    }

    /// <summary>A package's current status type (<c>M</c>, <c>P</c>, <c>I</c>, <c>D</c>) and code, or null when unknown.</summary>
    /// <param name="trackingNumber">The 1Z tracking number.</param>
    /// <returns>The status, or null.</returns>
    public (string Type, string Code)? GetPackageStatus(string trackingNumber)
    {
        lock (_lock)
        {
            return _packages.TryGetValue(trackingNumber, out var package) ? (Timeline[package.Step].Type, Timeline[package.Step].Code) : null;
        }
    }

    /// <summary>When a number's Track Alert subscription ends (UTC), or null when it was never subscribed.</summary>
    /// <param name="trackingNumber">The tracking number.</param>
    /// <returns>The expiry; in the past when expired.</returns>
    public DateTimeOffset? GetSubscriptionExpiry(string trackingNumber)
    {
        lock (_lock)
        {
            return _subscriptions.TryGetValue(trackingNumber, out var subscription) ? subscription.ExpiresAt : null;
        }
    }

    /// <summary>The Track Alert pushes attempted so far, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<UpsTrackAlertPush> GetPushes()
    {
        lock (_lock)
        {
            return [.. _pushes];
        }
    }

    /// <summary>The requests answered so far, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<UpsSimulatorRequest> GetRequests()
    {
        lock (_lock)
        {
            return [.. _requests];
        }
    }

    /// <summary>The next <paramref name="count"/> authenticated API requests are answered 429 with code <c>10429</c> and change nothing.</summary>
    /// <param name="count">How many.</param>
    public void ThrottleNext(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _throttleNext += count;
        }
    }

    /// <summary>The next authenticated, unthrottled API request is answered with <paramref name="fault"/> (default: 500 <c>10004</c>) and changes nothing.</summary>
    /// <param name="fault">The error to answer.</param>
    public void FailNextRequest(UpsSimulatorFault? fault = null)
    {
        lock (_lock)
        {
            _faults.Enqueue(fault ?? UpsSimulatorFault.Transient);
        }
    }

    /// <summary>The next API POST is processed (a shipment is created) but its connection is aborted before the response, as when a response is lost.</summary>
    public void DropNextResponse()
    {
        lock (_lock)
        {
            _dropNext++;
        }
    }

    /// <summary>
    /// Moves a package one step along its timeline and pushes the event to Track Alert when the package has an active
    /// subscription. The steps: <c>M</c>/<c>MP</c> label created (status code 003), <c>P</c>/<c>PU</c> pickup scan, <c>I</c>/<c>DP</c>
    /// departed from facility (005), <c>I</c>/<c>OT</c> out for delivery (021), <c>D</c>/<c>FS</c> delivered (011). The
    /// out-for-delivery and delivered type/code/description code are UPS's (UPSTrackAlert.yaml examples); 003 and 005 are the
    /// label-created and in-transit codes third-party clients use; the pickup and departure codes are the simulator's. Track
    /// Alert has no <c>P</c> type (UPSTrackAlert.yaml <c>activityStatus.type</c>: D, I, M, MV, U, X), so the pickup is pushed
    /// as <c>I</c> ("in-progress", the spec's FAQ).
    /// </summary>
    /// <param name="trackingNumber">The package.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>The push made for this change (none when not subscribed, expired, filtered out or no webhook is configured).</returns>
    /// <exception cref="KeyNotFoundException">When the simulator created no such package.</exception>
    /// <exception cref="InvalidOperationException">When the package is delivered or its shipment voided.</exception>
    public Task<IReadOnlyList<UpsTrackAlertPush>> AdvanceAsync(string trackingNumber, CancellationToken cancellationToken = default) =>
        MoveAsync(trackingNumber, toDelivered: false, cancellationToken);

    /// <summary>Delivers a package at once (one <c>D</c> event) and pushes it like <see cref="AdvanceAsync"/>.</summary>
    /// <param name="trackingNumber">The package.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>The push made, if any.</returns>
    /// <exception cref="KeyNotFoundException">When the simulator created no such package.</exception>
    /// <exception cref="InvalidOperationException">When the package is already delivered or its shipment voided.</exception>
    public Task<IReadOnlyList<UpsTrackAlertPush>> DeliverAsync(string trackingNumber, CancellationToken cancellationToken = default) =>
        MoveAsync(trackingNumber, toDelivered: true, cancellationToken);

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _pushClient.Dispose();
    }

    private static decimal BillablePounds(decimal weight, string? unit)
    {
        var pounds = string.Equals(unit, "KGS", StringComparison.OrdinalIgnoreCase) ? weight * PoundsPerKilogram : weight;
        return Math.Max(1m, Math.Ceiling(pounds));
    }

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string AddressKey(string? firstLine, string? postalCode) =>
        string.Join(' ', (firstLine ?? string.Empty).ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) + "|" + new string([.. (postalCode ?? string.Empty).Take(5)]);

    private static string RandomToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
}
