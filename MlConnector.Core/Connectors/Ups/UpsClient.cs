using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups.Wire;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Connectors.Ups;

/// <summary>
/// The UPS REST client (see <see cref="IUpsClient"/>), a typed <see cref="HttpClient"/> registered by
/// <see cref="UpsServiceCollectionExtensions.AddUpsConnector"/>: connector resilience, then <see cref="UpsAuthHandler"/>
/// (bearer token, <c>transId</c>, <c>transactionSrc</c>, one renewal on 401), then the <see cref="RateGovernorHandler"/>
/// (budget <c>ups</c> per connection: concurrency only, UPS publishes no limits). Requests go through the shared
/// <see cref="ConnectorHttp"/> (send, classified error, JSON body); what stays here is UPS's own: the token account of a
/// call, the shipper number kept out of errors, and Tracking's 404 that means "unknown number".
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Paths (relative to the base <c>…/api/</c>, contracts/ups/*.yaml): XAV <c>addressvalidation/v2/3</c>; Rating
/// <c>rating/v2409/Rate</c> and <c>/Shop</c>; Shipping <c>shipments/v2409/ship</c> and
/// <c>shipments/v2409/void/cancel/{id}</c>; Tracking <c>track/v1/details/{inquiryNumber}?locale=en_US</c>; Track Alert
/// <c>track/v2/subscription/standard/package</c> (servers <c>…/api/track/{version}</c> + <c>/subscription/{type}/package</c>).</item>
/// <item>XAV, Rating and Track Alert POSTs change nothing at UPS (a repeated Track Alert subscription renews it), so they
/// are marked retry-safe; the Ship POST is never resent (UPS would create a second shipment and bill it).</item>
/// <item>The shipper number (secret <see cref="ShipperNumberSecret"/>) goes into <c>Shipper.ShipperNumber</c> and
/// <c>BillShipper.AccountNumber</c> only; if UPS ever echoes it in an error body, it is replaced by <c>[redacted]</c>
/// before the exception leaves the client.</item>
/// <item>US and Puerto Rico postal codes are sent without the ZIP+4 hyphen (<c>300051234</c>): Rating and Shipping allow
/// 9 characters (<c>PostalCode</c> maxLength 9).</item>
/// <item>The reference number goes to <c>Package.ReferenceNumber</c> for US/US and PR/PR shipments and to
/// <c>Shipment.ReferenceNumber</c> otherwise, as Shipping.yaml prescribes for each container; it is always
/// <c>TransactionReference.CustomerContext</c>.</item>
/// </list>
/// </remarks>
/// <param name="httpClient">The typed client.</param>
/// <param name="connections">Where the connection's <c>ups.baseUrl</c> and <c>ups.environment</c> live.</param>
/// <param name="secrets">Where the connection's shipper number lives.</param>
/// <param name="errorMapper">The one error mapper.</param>
/// <param name="options">Hosts, concurrency and label format.</param>
/// <param name="logger">The logger.</param>
public sealed class UpsClient(
    HttpClient httpClient,
    IConnectionStore connections,
    ISecretStore secrets,
    HttpErrorMapper errorMapper,
    IOptions<UpsOptions> options,
    ILogger<UpsClient> logger) : IUpsClient
{
    /// <summary>The connector code: error mapping, rate budget and resilience options (<c>Resilience:ups</c>).</summary>
    public const string Connector = "ups";

    /// <summary>
    /// The secret purpose of the connection's 6-character UPS shipper (account) number:
    /// <c>SecretName.For(connectionId, ShipperNumberSecret)</c>. The token manager sends the same secret as
    /// <c>x-merchant-id</c> (OAuthClientCredentials.yaml).
    /// </summary>
    public const string ShipperNumberSecret = "ups-merchant-id";

    /// <summary>The most tracking numbers in one Track Alert request (UPSTrackAlert.yaml: more gives VSS220).</summary>
    public const int TrackAlertBatchSize = 100;

    /// <summary>The Tracking warning for a number UPS does not know (UPS-API/api-documentation issue #166).</summary>
    public const string TrackingNotFoundWarning = "TW0001";

    private const string Locale = "en_US";
    private const string Redacted = "[redacted]";

    private readonly UpsOptions _options = options.Value;
    private readonly ConnectorHttp _http = new(httpClient, errorMapper, Connector, logger);

    /// <inheritdoc />
    public async Task<UpsAddressValidation> ValidateAddressAsync(string connectionId, UpsAddress address, string? shipperAccount = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var session = await OpenAsync(connectionId, shipperAccount, cancellationToken);
        var (primary, extended) = SplitPostalCode(address.PostalCode);
        var body = new XavRequestWrapperWire
        {
            XavRequest = new XavRequestWire
            {
                AddressKeyFormat = new XavAddressKeyFormatWire
                {
                    ConsigneeName = NullIfEmpty(address.Name),
                    AddressLine = [.. address.AddressLines],
                    PoliticalDivision2 = NullIfEmpty(address.City),
                    PoliticalDivision1 = NullIfEmpty(address.StateProvinceCode),
                    PostcodePrimaryLow = primary,
                    PostcodeExtendedLow = extended,
                    CountryCode = address.CountryCode,
                },
            },
        };
        var answer = await PostAsync(session, "addressvalidation/v2/3", body, UpsJsonContext.Default.XavRequestWrapperWire, UpsJsonContext.Default.XavResponseWrapperWire, retrySafe: true, shipperNumber: null, cancellationToken);
        var xav = answer.XavResponse ?? throw Protocol("UPS answered address validation without XavResponse.");
        var classification = IsPresent(xav.ValidAddressIndicator) ? UpsAddressClassification.Valid
            : IsPresent(xav.AmbiguousAddressIndicator) ? UpsAddressClassification.Ambiguous
            : IsPresent(xav.NoCandidatesIndicator) ? UpsAddressClassification.NoCandidates
            : throw Protocol("UPS answered address validation without ValidAddressIndicator, AmbiguousAddressIndicator or NoCandidatesIndicator.");
        var candidates = classification == UpsAddressClassification.NoCandidates
            ? []
            : (xav.Candidate ?? []).Select(c => MapCandidate(c, address, xav.AddressClassification)).ToList();
        logger.UpsAddressValidated(connectionId, classification, candidates.Count);
        return new UpsAddressValidation(classification, candidates);
    }

    /// <inheritdoc />
    /// <exception cref="ConnectorValidationException">When the shipment itself is unusable (no package, a weight that is not positive, more than 3 address lines).</exception>
    public async Task<IReadOnlyList<UpsRateQuote>> RateAsync(string connectionId, UpsShipmentRequest shipment, bool shop, CancellationToken cancellationToken = default)
    {
        CheckShipment(shipment);
        var session = await OpenAsync(connectionId, shipment.ShipperAccount, cancellationToken);
        var shipperNumber = await ReadShipperNumberAsync(session.TokenAccount, cancellationToken);
        var option = shop ? "Shop" : "Rate";
        var body = new RateRequestWrapperWire
        {
            RateRequest = new RateRequestWire
            {
                Request = new RequestWire { RequestOption = option, TransactionReference = new TransactionReferenceWire { CustomerContext = shipment.ReferenceNumber } },
                Shipment = new RateShipmentWire
                {
                    Shipper = Party(shipment.Shipper, "shipper", shipperNumber, withPhone: false),
                    ShipTo = Party(shipment.ShipTo, "shipTo", shipperNumber: null, withPhone: false),
                    ShipFrom = Party(shipment.ShipFrom, "shipFrom", shipperNumber: null, withPhone: false),
                    PaymentDetails = BillShipper(shipperNumber),
                    Service = shop ? null : new CodeWire { Code = shipment.ServiceCode },
                    Package = [.. shipment.Packages.Select(p => new RatePackageWire { PackagingType = new CodeWire { Code = p.PackagingCode }, PackageWeight = Weight(p) })],
                    ShipmentRatingOptions = RatingOptions(shipment),
                },
            },
        };
        var path = "rating/v2409/" + option;
        var answer = await PostAsync(session, path, body, UpsJsonContext.Default.RateRequestWrapperWire, UpsJsonContext.Default.RateResponseWrapperWire, retrySafe: true, shipperNumber, cancellationToken);
        var rated = answer.RateResponse?.RatedShipment;
        if (rated is not { Count: > 0 })
        {
            throw Protocol($"UPS answered {path} without a RatedShipment.");
        }

        return [.. rated.Select(r => MapQuote(r, path))];
    }

    /// <inheritdoc />
    /// <exception cref="ConnectorValidationException">When the shipment itself is unusable (no package, a weight that is not positive, more than 3 address lines).</exception>
    /// <exception cref="ConnectorException">With <see cref="ErrorKind.Unknown"/> when UPS created the shipment but the answer has no
    /// shipment identification number or unreadable charges: not retried, because a second request would create a second shipment.</exception>
    public async Task<UpsShipmentResult> CreateShipmentAsync(string connectionId, UpsShipmentRequest shipment, CancellationToken cancellationToken = default)
    {
        CheckShipment(shipment);
        var session = await OpenAsync(connectionId, shipment.ShipperAccount, cancellationToken);
        var shipperNumber = await ReadShipperNumberAsync(session.TokenAccount, cancellationToken);
        var reference = new List<ReferenceNumberWire> { new() { Value = shipment.ReferenceNumber } };
        var domestic = IsDomesticPair(shipment.ShipFrom.CountryCode, shipment.ShipTo.CountryCode);
        var body = new ShipRequestWrapperWire
        {
            ShipmentRequest = new ShipRequestWire
            {
                // "validate": city/state/postal-code combinations are checked; street level is XAV's job (Shipping.yaml RequestOption).
                Request = new RequestWire { RequestOption = "validate", TransactionReference = new TransactionReferenceWire { CustomerContext = shipment.ReferenceNumber } },
                Shipment = new ShipShipmentWire
                {
                    Description = shipment.Description,
                    Shipper = Party(shipment.Shipper, "shipper", shipperNumber, withPhone: true),
                    ShipTo = Party(shipment.ShipTo, "shipTo", shipperNumber: null, withPhone: true),
                    ShipFrom = Party(shipment.ShipFrom, "shipFrom", shipperNumber: null, withPhone: true),
                    PaymentInformation = BillShipper(shipperNumber),
                    ShipmentRatingOptions = RatingOptions(shipment),
                    ReferenceNumber = domestic ? null : reference,
                    Service = new CodeWire { Code = shipment.ServiceCode },
                    Package = [.. shipment.Packages.Select(p => new ShipPackageWire
                    {
                        Description = p.Description,
                        Packaging = new CodeWire { Code = p.PackagingCode },
                        PackageWeight = Weight(p),
                        ReferenceNumber = domestic ? reference : null,
                    })],
                },
                LabelSpecification = new LabelSpecificationWire
                {
                    LabelImageFormat = new CodeWire { Code = _options.LabelImageFormat },

                    // Required since the 2024 versions; 4 x 6 inches, the size Shipping.yaml names for thermal labels.
                    LabelStockSize = new LabelStockSizeWire { Height = "6", Width = "4" },
                },
            },
        };
        var answer = await PostAsync(session, "shipments/v2409/ship", body, UpsJsonContext.Default.ShipRequestWrapperWire, UpsJsonContext.Default.ShipResponseWrapperWire, retrySafe: false, shipperNumber, cancellationToken);
        var results = answer.ShipmentResponse?.ShipmentResults;
        var id = results?.ShipmentIdentificationNumber is { Length: > 0 } found
            ? found
            : throw Protocol("UPS answered the ship request without a ShipmentIdentificationNumber; look the shipment up in UPS before shipping again.");
        var total = results.ShipmentCharges?.TotalCharges;
        var packages = (results.PackageResults ?? []).Select(p => MapPackage(p, id)).ToList();
        var result = new UpsShipmentResult(id, Money(total, $"shipment {id} TotalCharges"), total?.CurrencyCode ?? string.Empty, packages)
        {
            NegotiatedCharge = results.NegotiatedRateCharges?.TotalCharge is { } negotiated ? Money(negotiated, $"shipment {id} NegotiatedRateCharges") : null,
        };
        logger.UpsShipmentCreated(id, connectionId, packages.Count);
        return result;
    }

    /// <inheritdoc />
    public async Task VoidShipmentAsync(string connectionId, string shipmentIdentificationNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shipmentIdentificationNumber);
        var session = await OpenAsync(connectionId, shipperAccount: null, cancellationToken);
        var path = "shipments/v2409/void/cancel/" + Uri.EscapeDataString(shipmentIdentificationNumber.Trim());
        using var request = CreateRequest(session, HttpMethod.Delete, path, content: null);
        var answer = await _http.SendForJsonAsync(request, session.ConnectionId, UpsJsonContext.Default.VoidResponseWrapperWire, cancellationToken);
        var status = answer.VoidShipmentResponse?.Response?.ResponseStatus?.Code;
        if (!string.Equals(status, "1", StringComparison.Ordinal))
        {
            throw Protocol($"UPS answered the void of {shipmentIdentificationNumber} with response status '{status}' instead of 1 (success).");
        }

        logger.UpsShipmentVoided(shipmentIdentificationNumber, connectionId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UpsTrackingStatus>> TrackAsync(string connectionId, IReadOnlyList<string> trackingNumbers, string? shipperAccount = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trackingNumbers);
        if (trackingNumbers.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A tracking number is empty.", nameof(trackingNumbers));
        }

        var session = await OpenAsync(connectionId, shipperAccount, cancellationToken);
        var results = new UpsTrackingStatus[trackingNumbers.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, trackingNumbers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await TrackOneAsync(session, trackingNumbers[i].Trim(), token));
        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UpsTrackingStatus>> TrackByReferenceAsync(string connectionId, string referenceNumber, UpsAddress destination, string? shipperAccount = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referenceNumber);
        ArgumentNullException.ThrowIfNull(destination);
        var session = await OpenAsync(connectionId, shipperAccount, cancellationToken);
        var path = "track/v1/reference/details/" + Uri.EscapeDataString(referenceNumber.Trim()) + "?locale=" + Locale + "&refNumType=SmallPackage"
            + (string.IsNullOrWhiteSpace(destination.CountryCode) ? string.Empty : "&destCountry=" + Uri.EscapeDataString(destination.CountryCode.Trim()))
            + (string.IsNullOrWhiteSpace(destination.PostalCode) ? string.Empty : "&destZip=" + Uri.EscapeDataString(new string([.. destination.PostalCode.Trim().Take(5)])));
        using var request = CreateRequest(session, HttpMethod.Get, path, content: null);
        TrackApiResponseWire answer;
        try
        {
            answer = await _http.SendForJsonAsync(request, session.ConnectionId, UpsJsonContext.Default.TrackApiResponseWire, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.StatusCode == HttpStatusCode.NotFound && IsUpsErrorBody(ex.VendorErrorBody))
        {
            // Tracking.yaml: 404 "Tracking number information not found".
            logger.UpsReferenceTracked(session.ConnectionId, 0);
            return [];
        }

        var found = (answer.TrackResponse?.Shipment ?? [])
            .SelectMany(s => s.Package ?? [])
            .Where(p => !string.IsNullOrWhiteSpace(p.TrackingNumber))
            .GroupBy(p => p.TrackingNumber!.Trim(), StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => MapPackageStatus(g.Key, g.First()))
            .ToList();
        logger.UpsReferenceTracked(session.ConnectionId, found.Count);
        return found;
    }

    /// <inheritdoc />
    public async Task<UpsTrackAlertSubscriptionResult> SubscribeTrackAlertAsync(string connectionId, IReadOnlyList<string> trackingNumbers, string? shipperAccount = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trackingNumbers);
        var session = await OpenAsync(connectionId, shipperAccount, cancellationToken);
        var numbers = trackingNumbers.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var accepted = new List<string>();
        var rejected = new List<string>();
        var requests = 0;
        foreach (var chunk in numbers.Chunk(TrackAlertBatchSize))
        {
            // countryCode US and locale en_US: "Currently only English (en_US) is supported" (UPSTrackAlert.yaml Locale); VSS300/VSS400.
            var body = new TrackAlertSubscriptionRequestWire { Locale = Locale, CountryCode = "US", TrackingNumberList = [.. chunk] };
            var answer = await PostAsync(session, "track/v2/subscription/standard/package", body, UpsJsonContext.Default.TrackAlertSubscriptionRequestWire, UpsJsonContext.Default.TrackAlertSubscriptionResponseWire, retrySafe: true, shipperNumber: null, cancellationToken);
            requests++;
            accepted.AddRange(answer.ValidTrackingNumbers ?? []);
            rejected.AddRange(answer.InvalidTrackingNumbers ?? []);
        }

        logger.UpsTrackAlertSubscribed(connectionId, accepted.Count, rejected.Count, requests);
        return new UpsTrackAlertSubscriptionResult(accepted, rejected);
    }

    /// <inheritdoc />
    public async Task<UpsQuantumViewPage> GetQuantumViewEventsAsync(string connectionId, string? subscriptionName, string? bookmark, CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(connectionId, shipperAccount: null, cancellationToken);
        var body = new QuantumViewRequestWrapperWire
        {
            QuantumViewRequest = new QuantumViewRequestWire
            {
                Request = new QuantumViewRequestHeaderWire { TransactionReference = new TransactionReferenceWire { CustomerContext = "ml-connector" } },
                SubscriptionRequest = string.IsNullOrWhiteSpace(subscriptionName) ? null : [new QuantumViewSubscriptionRequestWire { Name = subscriptionName.Trim() }],
                Bookmark = string.IsNullOrWhiteSpace(bookmark) ? null : bookmark,
            },
        };

        // Reading unread events marks them read at UPS, so a retried request could skip a page: not retried at the HTTP layer.
        var answer = await PostAsync(session, "quantumview/v3/events", body, UpsJsonContext.Default.QuantumViewRequestWrapperWire, UpsJsonContext.Default.QuantumViewResponseWrapperWire, retrySafe: false, shipperNumber: null, cancellationToken);
        var response = answer.QuantumViewResponse;
        var statuses = new List<UpsTrackingStatus>();
        foreach (var file in (response?.QuantumViewEvents?.SubscriptionEvents ?? []).SelectMany(s => s.SubscriptionFile ?? []))
        {
            statuses.AddRange((file.Origin ?? []).Select(e => QuantumViewStatus(e, "P", null, "Pickup Scan")));
            statuses.AddRange((file.Exception ?? []).Select(e => QuantumViewStatus(e, "X", NullIfEmpty(e.StatusCode), NullIfEmpty(e.StatusDescription) ?? NullIfEmpty(e.ReasonDescription) ?? "Exception")));
            statuses.AddRange((file.Delivery ?? []).Select(e => QuantumViewStatus(e, "D", null, "Delivered")));
        }

        return new UpsQuantumViewPage([.. statuses.Where(s => s.TrackingNumber.Length > 0)], NullIfEmpty(response?.Bookmark));
    }

    private static UpsTrackingStatus QuantumViewStatus(QuantumViewPackageEventWire e, string type, string? code, string description) =>
        new(NullIfEmpty(e.TrackingNumber) ?? string.Empty, Found: true)
        {
            StatusType = type,
            StatusCode = code,
            Description = description,
            ActivityLocalTime = UpsWireFormat.ParseDateTime(e.Date, e.Time),
        };

    private static bool IsPresent(JsonElement? indicator) => indicator is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsDomesticPair(string from, string to) =>
        string.Equals(from, to, StringComparison.OrdinalIgnoreCase) && (string.Equals(from, "US", StringComparison.OrdinalIgnoreCase) || string.Equals(from, "PR", StringComparison.OrdinalIgnoreCase));

    private static bool IsUsOrPuertoRico(string country) =>
        string.Equals(country, "US", StringComparison.OrdinalIgnoreCase) || string.Equals(country, "PR", StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits a US ZIP+4 (<c>30005-1234</c> or <c>300051234</c>) into XAV's primary and extended parts.</summary>
    private static (string? Primary, string? Extended) SplitPostalCode(string? postalCode)
    {
        var code = NullIfEmpty(postalCode);
        if (code is null)
        {
            return (null, null);
        }

        var digits = code.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        return digits.Length == 9 && digits.All(char.IsAsciiDigit) ? (digits[..5], digits[5..]) : (code, null);
    }

    private static void CheckShipment(UpsShipmentRequest shipment)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentException.ThrowIfNullOrWhiteSpace(shipment.ServiceCode);
        if (shipment.Packages is not { Count: > 0 })
        {
            throw new ConnectorValidationException(Connector, "A UPS shipment needs at least one package.", field: "packages");
        }

        for (var i = 0; i < shipment.Packages.Count; i++)
        {
            if (shipment.Packages[i].Weight <= 0)
            {
                throw new ConnectorValidationException(Connector, $"Package {i + 1} has weight {shipment.Packages[i].Weight.ToString(CultureInfo.InvariantCulture)}; UPS needs a positive weight.", field: $"packages[{i}].weight");
            }
        }
    }

    private static PartyWire Party(UpsAddress address, string role, string? shipperNumber, bool withPhone)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressLines.Count > 3)
        {
            throw new ConnectorValidationException(Connector, $"The {role} address has {address.AddressLines.Count} lines; UPS takes at most 3.", field: role + ".addressLines");
        }

        var postal = NullIfEmpty(address.PostalCode);
        if (postal is not null && IsUsOrPuertoRico(address.CountryCode))
        {
            postal = postal.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        }

        return new PartyWire
        {
            Name = address.Name,
            AttentionName = NullIfEmpty(address.AttentionName),
            ShipperNumber = shipperNumber,
            Phone = withPhone && NullIfEmpty(address.Phone) is { } phone ? new PhoneWire { Number = phone } : null,
            Address = new AddressWire
            {
                AddressLine = [.. address.AddressLines],
                City = address.City,
                StateProvinceCode = NullIfEmpty(address.StateProvinceCode),
                PostalCode = postal,
                CountryCode = address.CountryCode,
            },
        };
    }

    /// <summary>Transportation charges (type <c>01</c>, "required") billed to the shipper's account.</summary>
    private static PaymentWire BillShipper(string shipperNumber) =>
        new() { ShipmentCharge = [new ShipmentChargeWire { Type = "01", BillShipper = new BillShipperWire { AccountNumber = shipperNumber } }] };

    private static RatingOptionsWire? RatingOptions(UpsShipmentRequest shipment) =>
        shipment.NegotiatedRates ? new RatingOptionsWire { NegotiatedRatesIndicator = string.Empty } : null;

    private static PackageWeightWire Weight(UpsPackage package)
    {
        var unit = package.WeightUnit.Trim().ToUpperInvariant();
        var description = unit switch
        {
            "LBS" => "Pounds",
            "KGS" => "Kilograms",
            _ => unit,
        };
        return new PackageWeightWire
        {
            UnitOfMeasurement = new CodeWire { Code = unit, Description = description },
            Weight = package.Weight.ToString("0.#########", CultureInfo.InvariantCulture),
        };
    }

    private static UpsAddress MapCandidate(XavCandidateWire candidate, UpsAddress asked, CodeWire? classification)
    {
        var key = candidate.AddressKeyFormat ?? new XavAddressKeyFormatWire();
        var postal = key.PostcodePrimaryLow is { Length: > 0 } low
            ? key.PostcodeExtendedLow is { Length: > 0 } extended ? $"{low}-{extended}" : low
            : string.Empty;
        return new UpsAddress(
            NullIfEmpty(key.ConsigneeName) ?? asked.Name,
            key.AddressLine ?? [],
            key.PoliticalDivision2 ?? string.Empty,
            key.PoliticalDivision1 ?? string.Empty,
            postal,
            key.CountryCode ?? asked.CountryCode)
        {
            AttentionName = asked.AttentionName,
            Phone = asked.Phone,
            ClassificationCode = candidate.AddressClassification?.Code ?? classification?.Code,
        };
    }

    private static UpsRateQuote MapQuote(RatedShipmentWire rated, string path)
    {
        var service = rated.Service?.Code ?? throw Protocol($"UPS answered {path} with a RatedShipment without Service.Code.");
        return new UpsRateQuote(service, Money(rated.TotalCharges, $"{path} TotalCharges of service {service}"), rated.TotalCharges?.CurrencyCode ?? string.Empty)
        {
            NegotiatedCharge = rated.NegotiatedRateCharges?.TotalCharge is { } negotiated ? Money(negotiated, $"{path} NegotiatedRateCharges of service {service}") : null,
            Alerts = [.. (rated.RatedShipmentAlert ?? []).Select(a => a.Description).OfType<string>()],
        };
    }

    private static UpsPackageResult MapPackage(PackageResultWire package, string shipmentId)
    {
        var trackingNumber = package.TrackingNumber is { Length: > 0 } number
            ? number
            : throw Protocol($"UPS created shipment {shipmentId} but a PackageResults entry has no TrackingNumber; void or recover it in UPS before shipping again.");
        var label = package.ShippingLabel;
        byte[] image;
        try
        {
            image = label?.GraphicImage is { Length: > 0 } base64 ? Convert.FromBase64String(base64) : [];
        }
        catch (FormatException ex)
        {
            throw new ConnectorException(Connector, ErrorKind.Unknown, $"UPS created shipment {shipmentId} but the label of {trackingNumber} is not Base64; recover the label in UPS before shipping again.", innerException: ex);
        }

        return new UpsPackageResult(trackingNumber, label?.ImageFormat?.Code ?? string.Empty, image);
    }

    /// <summary>Reads a UPS <c>MonetaryValue</c> (a decimal string, PROTOCOL-NOTES §1); a missing or unreadable amount is a protocol error, never zero.</summary>
    private static decimal Money(MoneyWire? money, string what) =>
        decimal.TryParse(money?.MonetaryValue?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw Protocol($"UPS sent {what} as '{money?.MonetaryValue}', which is not an amount.");

    private static ConnectorException Protocol(string message) => new(Connector, ErrorKind.Unknown, message);

    /// <summary>Rebuilds a mapped failure with the shipper number replaced in its message and stored body.</summary>
    private static ConnectorException WithoutSecret(ConnectorException ex, string secret)
    {
        var message = ex.Message.Replace(secret, Redacted, StringComparison.Ordinal);
        var body = ex.VendorErrorBody?.Replace(secret, Redacted, StringComparison.Ordinal);
        return ex switch
        {
            ConnectorAuthException => new ConnectorAuthException(ex.Connector, message, ex.StatusCode, ex.VendorErrorCode, body, ex.RequestId),
            ConnectorRateLimitedException => new ConnectorRateLimitedException(ex.Connector, message, ex.RetryAfter, ex.StatusCode, ex.VendorErrorCode, body, ex.RequestId),
            ConnectorValidationException validation => new ConnectorValidationException(ex.Connector, message, validation.Field, ex.StatusCode, ex.VendorErrorCode, body, ex.RequestId),
            _ => new ConnectorException(ex.Connector, ex.Kind, message, ex.StatusCode, ex.VendorErrorCode, body, ex.RequestId),
        };
    }

    private async Task<UpsTrackingStatus> TrackOneAsync(Session session, string trackingNumber, CancellationToken cancellationToken)
    {
        var path = "track/v1/details/" + Uri.EscapeDataString(trackingNumber) + "?locale=" + Locale;
        using var request = CreateRequest(session, HttpMethod.Get, path, content: null);
        TrackApiResponseWire answer;
        try
        {
            answer = await _http.SendForJsonAsync(request, session.ConnectionId, UpsJsonContext.Default.TrackApiResponseWire, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.StatusCode == HttpStatusCode.NotFound && IsUpsErrorBody(ex.VendorErrorBody))
        {
            // Tracking.yaml: 404 "Tracking number information not found" (the usual answer is 200 with TW0001).
            logger.UpsTrackingNumberUnknown(trackingNumber, session.ConnectionId);
            return new UpsTrackingStatus(trackingNumber, Found: false);
        }

        var shipments = answer.TrackResponse?.Shipment ?? [];
        var package = shipments.SelectMany(s => s.Package ?? []).FirstOrDefault(p => string.Equals(p.TrackingNumber, trackingNumber, StringComparison.OrdinalIgnoreCase))
            ?? shipments.SelectMany(s => s.Package ?? []).FirstOrDefault();
        var notFound = shipments.SelectMany(s => s.Warnings ?? []).Any(w => string.Equals(w.Code?.Trim(), TrackingNotFoundWarning, StringComparison.OrdinalIgnoreCase));
        if (notFound || package is null)
        {
            logger.UpsTrackingNumberUnknown(trackingNumber, session.ConnectionId);
            return new UpsTrackingStatus(trackingNumber, Found: false);
        }

        return MapPackageStatus(trackingNumber, package);
    }

    private static UpsTrackingStatus MapPackageStatus(string trackingNumber, TrackPackageWire package)
    {
        var latest = package.Activity?.FirstOrDefault();
        var status = package.CurrentStatus ?? latest?.Status;
        var address = latest?.Location?.Address;
        var dates = package.DeliveryDate ?? [];
        return new UpsTrackingStatus(trackingNumber, Found: true)
        {
            StatusType = NullIfEmpty(status?.Type),
            StatusCode = NullIfEmpty(status?.StatusCode),
            ActivityCode = NullIfEmpty(status?.Code),
            Description = NullIfEmpty(status?.Description),
            ActivityLocalTime = UpsWireFormat.ParseDateTime(latest?.Date, latest?.Time),
            ActivityTimeUtc = UpsWireFormat.ParseDateTime(latest?.GmtDate, latest?.GmtTime),
            Location = UpsWireFormat.JoinLocation(address?.City, address?.StateProvince, address?.CountryCode ?? address?.Country),
            ScheduledDeliveryDate = UpsWireFormat.ParseDate(DeliveryDate(dates, "RDD") ?? DeliveryDate(dates, "SDD")),
            DeliveredDate = UpsWireFormat.ParseDate(DeliveryDate(dates, "DEL")),
        };

        static string? DeliveryDate(List<TrackDeliveryDateWire> dates, string type) =>
            dates.FirstOrDefault(d => string.Equals(d.Type, type, StringComparison.OrdinalIgnoreCase))?.Date;
    }

    private static bool IsUpsErrorBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        try
        {
            return JsonSerializer.Deserialize(body, UpsJsonContext.Default.ErrorResponseWire)?.Response?.Errors is { Count: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        Session session,
        string path,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        bool retrySafe,
        string? shipperNumber,
        CancellationToken cancellationToken)
    {
        // Bytes, so a resend (401 renewal, retry) can read the content again.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = CreateRequest(session, HttpMethod.Post, path, content);
        if (retrySafe)
        {
            request.MarkIdempotent();
        }

        try
        {
            return await _http.SendForJsonAsync(request, session.ConnectionId, responseType, cancellationToken);
        }
        catch (ConnectorException ex) when (shipperNumber is not null
            && (ex.Message.Contains(shipperNumber, StringComparison.Ordinal) || ex.VendorErrorBody?.Contains(shipperNumber, StringComparison.Ordinal) == true))
        {
            throw WithoutSecret(ex, shipperNumber);
        }
    }

    /// <summary>A request to <paramref name="path"/> under the session's token account, spending the connection's <c>ups</c> budget.</summary>
    private HttpRequestMessage CreateRequest(Session session, HttpMethod method, string path, HttpContent? content) =>
        _http.CreateRequest(method, new Uri(session.BaseUri, path), session.TokenAccount, session.ConnectionId, content);

    /// <summary>Opens a call for the connection, made under <paramref name="shipperAccount"/>'s token when one is named (<see cref="AccountOf"/>).</summary>
    private async Task<Session> OpenAsync(string connectionId, string? shipperAccount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var connection = await connections.GetAsync(connectionId, cancellationToken)
            ?? throw new KeyNotFoundException($"Connection '{connectionId}' does not exist.");
        var environment = connection.GetSetting(Connector, "environment") ?? _options.DefaultEnvironment;
        var baseUrl = connection.GetBaseUrl(Connector, string.Equals(environment, "cie", StringComparison.OrdinalIgnoreCase) ? _options.CieBaseUrl : _options.ProductionBaseUrl);

        return new Session(connectionId, baseUrl) { TokenAccount = AccountOf(connectionId, shipperAccount) };
    }

    private async Task<string> ReadShipperNumberAsync(string connectionId, CancellationToken cancellationToken)
    {
        var value = await secrets.GetAsync(SecretName.For(connectionId, ShipperNumberSecret), cancellationToken);
        if (string.IsNullOrWhiteSpace(value))
        {
            logger.UpsShipperNumberMissing(connectionId, ShipperNumberSecret);
            throw new ConnectorAuthException(Connector, $"Connection '{connectionId}' has no UPS shipper number ({ShipperNumberSecret}) in the secret store; connect UPS again.");
        }

        return value.Trim();
    }

    /// <summary>
    /// The account a call is made under (rate, ship, address validation, tracking, Track Alert): the connection, or its sub-account <c>{connectionId}-{shipperAccount}</c>
    /// (<see cref="UpsShipmentRequest.ShipperAccount"/>), whose shipper number and token (its <c>x-merchant-id</c>) are its own.
    /// </summary>
    private static string AccountOf(string connectionId, string? shipperAccount)
    {
        if (shipperAccount is null)
        {
            return connectionId;
        }

        var account = connectionId + "-" + shipperAccount;
        return SecretName.IsValid(SecretName.For(account, ShipperNumberSecret))
            ? account
            : throw new ConnectorValidationException(Connector, $"The shipper account '{shipperAccount}' of connection '{connectionId}' is not letters, digits and hyphens.", field: "shipperAccount");
    }

    /// <summary>One call's target: the connection, and the account whose token the call carries (the connection unless the call names a shipper account). Holds no credential.</summary>
    private sealed record Session(string ConnectionId, Uri BaseUri)
    {
        public string TokenAccount { get; init; } = ConnectionId;
    }
}
