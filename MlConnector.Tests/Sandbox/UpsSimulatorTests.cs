using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Sandbox;
using MlConnector.Sandbox.Ups;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Sandbox;

/// <summary>
/// The UPS simulator over plain HTTP on loopback, checked against UPS's own OpenAPI response schemas (repeatable elements
/// accepted as one object or an array) and UPS's own sample requests.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class UpsSimulatorTests : IAsyncLifetime, IDisposable
{
    private const string ClientId = "ups-client-7f3a";
    private const string ClientSecret = "ups-secret-51c9e0";
    private const string Shipper = "A1B2C3";
    private const string OtherClientId = "ups-client-other";
    private const string OtherShipper = "Z9Y8X7";

    private static readonly Lazy<OpenApiSchemas> OAuthSpec = new(() => Spec("OAuthClientCredentials.yaml"));
    private static readonly Lazy<OpenApiSchemas> XavSpec = new(() => Spec("AddressValidation.yaml"));
    private static readonly Lazy<OpenApiSchemas> RatingSpec = new(() => Spec("Rating.yaml"));
    // Shipping.yaml gives BillingWeight.Weight exactly 8 characters; UPS's own response sample sends "10.0" (checked below).
    private static readonly Lazy<OpenApiSchemas> ShippingSpec = new(() => Spec("Shipping.yaml").WithoutKeywords("ShipmentResults_BillingWeight", "Weight", "minLength", "maxLength"));
    private static readonly Lazy<OpenApiSchemas> TrackingSpec = new(() => Spec("Tracking.yaml"));
    private static readonly Lazy<OpenApiSchemas> TrackAlertSpec = new(() => Spec("UPSTrackAlert.yaml"));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private UpsSimulator _sut = null!;

    public async Task InitializeAsync()
    {
        _sut = await UpsSimulator.StartAsync(_time);
        _sut.RegisterClient(ClientId, ClientSecret, Shipper);
        _sut.RegisterClient(OtherClientId, ClientSecret, OtherShipper);
        _sut.EnableNegotiatedRates(Shipper, 20m);
    }

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Schemas_UpsOwnShipmentResponseSample_PassesTheShippingSchemaTheseTestsUse()
    {
        // Arrange
        var body = File.ReadAllText(ContractFiles.PathOf("ups/samples/shipping/resp_ShipmentResponse.json"));

        // Act
        var errors = await ShippingSpec.Value.ValidateAsync("SHIPResponseWrapper", body);

        // Assert
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Token_ClientCredentials_AnswersTheSpecShapeWithStringLifetime()
    {
        // Act
        var (status, body) = await TokenRequestAsync(ClientId, ClientSecret, Shipper);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        await AssertSchemaAsync(OAuthSpec, "tokenSuccessResponse", body);
        Assert.Equal(JsonValueKind.String, body["expires_in"]!.GetValueKind());
        Assert.Equal("3600", (string?)body["expires_in"]);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), (string?)body["issued_at"]);
        Assert.Equal("Bearer", (string?)body["token_type"]);
        Assert.True(_sut.IsAccessTokenValid((string)body["access_token"]!));
    }

    [Fact]
    public async Task Token_BadSecretOrForeignMerchant_Answers401Or403InTheErrorShape()
    {
        // Act
        var (badSecretStatus, badSecret) = await TokenRequestAsync(ClientId, "wrong", null);
        var (foreignStatus, foreign) = await TokenRequestAsync(ClientId, ClientSecret, OtherShipper);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, badSecretStatus);
        Assert.Equal("250002", ErrorCode(badSecret));
        Assert.Equal(HttpStatusCode.Forbidden, foreignStatus);
        await AssertSchemaAsync(OAuthSpec, "tokenErrorResponse", foreign);
        Assert.DoesNotContain(ClientSecret, badSecret.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_OverTheDailyQuota_Answers429AndCountsPerUtcDay()
    {
        // Arrange
        _sut.DailyTokenQuota = 2;
        await TokenRequestAsync(ClientId, ClientSecret, null);
        await TokenRequestAsync(ClientId, ClientSecret, null);

        // Act
        var (refusedStatus, refused) = await TokenRequestAsync(ClientId, ClientSecret, null);
        var countToday = _sut.GetTokenRequestCount(ClientId);
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 0, 0, 1, TimeSpan.Zero));
        var (nextDayStatus, _) = await TokenRequestAsync(ClientId, ClientSecret, null);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedStatus);
        Assert.Equal("10429", ErrorCode(refused));
        await AssertSchemaAsync(OAuthSpec, "tokenErrorResponse", refused);
        Assert.Equal(3, countToday);
        Assert.Equal(HttpStatusCode.OK, nextDayStatus);
        Assert.Equal(1, _sut.GetTokenRequestCount(ClientId));
    }

    [Fact]
    public async Task Api_ExpiredOrMissingToken_Answers401WithUpsCodes()
    {
        // Arrange
        var token = await TokenAsync();
        _time.Advance(TimeSpan.FromSeconds(3601));

        // Act
        var (expiredStatus, expired) = await SendAsync(HttpMethod.Post, "addressvalidation/v2/1", Xav("123 Main St", "92656"), token);
        var (missingStatus, missing) = await SendAsync(HttpMethod.Post, "addressvalidation/v2/1", Xav("123 Main St", "92656"), null);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, expiredStatus);
        Assert.Equal("251004", ErrorCode(expired));
        await AssertSchemaAsync(XavSpec, "ErrorResponse", expired);
        Assert.Equal(HttpStatusCode.Unauthorized, missingStatus);
        Assert.Equal("UJ0001", ErrorCode(missing));
    }

    [Theory]
    [InlineData("AddressValidationRequest.json")]
    [InlineData("AddressValidationRequest_Commercial.json")]
    [InlineData("AddressValidationRequest_Residential.json")]
    [InlineData("AddressValidationRequest_UnClassified.json")]
    [InlineData("AddressValidationRequest_InvalidAddress.json")]
    public async Task AddressValidation_UpsSampleRequest_AnswersTheResponseSchema(string sample)
    {
        // Arrange
        var token = await TokenAsync();

        // Act
        var (status, body) = await SendAsync(HttpMethod.Post, "addressvalidation/v2/3", Sample("addressValidation", sample), token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        await AssertSchemaAsync(XavSpec, "XAVResponseWrapper", body);
        Assert.NotNull(body["XAVResponse"]!["AddressClassification"]);
    }

    [Fact]
    public async Task AddressValidation_Rules_AnswerValidAmbiguousAndNoCandidatesWithEmptyIndicators()
    {
        // Arrange
        var token = await TokenAsync();

        // Act
        var (_, valid) = await SendAsync(HttpMethod.Post, "addressvalidation/v2/1", Xav("26601 Aliso Creek Road", "92656"), token);
        var (_, ambiguous) = await SendAsync(HttpMethod.Post, "addressvalidation/v2/1", Xav("Aliso Creek Road", "92656"), token);
        var (_, none) = await SendAsync(HttpMethod.Post, "addressvalidation/v2/1", Xav("26601 Aliso Creek Road", "9265"), token);

        // Assert
        Assert.Equal(string.Empty, (string?)valid["XAVResponse"]!["ValidAddressIndicator"]);
        Assert.Equal("26601 ALISO CREEK ROAD", (string?)valid["XAVResponse"]!["Candidate"]![0]!["AddressKeyFormat"]!["AddressLine"]![0]);
        Assert.Null(valid["XAVResponse"]!["AddressClassification"]);
        Assert.Equal(string.Empty, (string?)ambiguous["XAVResponse"]!["AmbiguousAddressIndicator"]);
        Assert.Equal(2, ambiguous["XAVResponse"]!["Candidate"]!.AsArray().Count);
        Assert.Equal(string.Empty, (string?)none["XAVResponse"]!["NoCandidatesIndicator"]);
        Assert.Null(none["XAVResponse"]!["Candidate"]);
        foreach (var body in new[] { valid, ambiguous, none })
        {
            await AssertSchemaAsync(XavSpec, "XAVResponseWrapper", body);
        }
    }

    [Fact]
    public async Task AddressValidation_Seeded_AnswersTheSeedWithClassification()
    {
        // Arrange
        var token = await TokenAsync();
        var asked = new UpsAddress("Acme", ["1 Infinite Loop"], "Cupertino", "CA", "95014", "US");
        _sut.SeedAddressResult(asked, UpsAddressClassification.Ambiguous, [asked with { AddressLines = ["1 Infinite Loop Ste 100"] }, asked with { AddressLines = ["1 Infinite Loop Ste 200"] }], "1");
        var invalid = new UpsAddress("Nobody", ["99 Nowhere Rd"], "Albany", "NY", "12211", "US");
        _sut.SeedAddressResult(invalid, UpsAddressClassification.NoCandidates);

        // Act
        var (_, ambiguous) = await SendAsync(HttpMethod.Post, "addressvalidation/v2/3", Xav("1 INFINITE   loop", "95014"), token);
        var (_, none) = await SendAsync(HttpMethod.Post, "addressvalidation/v2/3", Xav("99 Nowhere Rd", "12211"), token);

        // Assert
        var candidates = ambiguous["XAVResponse"]!["Candidate"]!.AsArray();
        Assert.Equal(2, candidates.Count);
        Assert.Equal("1 INFINITE LOOP STE 200", (string?)candidates[1]!["AddressKeyFormat"]!["AddressLine"]![0]);
        Assert.Equal("Commercial", (string?)ambiguous["XAVResponse"]!["AddressClassification"]!["Description"]);
        Assert.NotNull(none["XAVResponse"]!["NoCandidatesIndicator"]);
        await AssertSchemaAsync(XavSpec, "XAVResponseWrapper", ambiguous);
    }

    [Fact]
    public async Task AddressValidation_AddressLineAsStringOrArray_BothAccepted()
    {
        // Arrange
        var token = await TokenAsync();
        var asArray = Xav("10 Main St", "30005");
        asArray["XAVRequest"]!["AddressKeyFormat"]!["AddressLine"] = new JsonArray("10 Main St", "Apt 4");

        // Act
        var (stringStatus, _) = await SendAsync(HttpMethod.Post, "addressvalidation/v2/3", Xav("10 Main St", "30005"), token);
        var (arrayStatus, array) = await SendAsync(HttpMethod.Post, "addressvalidation/v2/3", asArray, token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, stringStatus);
        Assert.Equal(HttpStatusCode.OK, arrayStatus);
        Assert.Equal("Residential", (string?)array["XAVResponse"]!["AddressClassification"]!["Description"]);
    }

    [Theory]
    [InlineData("simpleRate.json", "Rate")]
    [InlineData("publishedRate.json", "Rate")]
    [InlineData("negotiateRate.json", "Rate")]
    [InlineData("multiPieceRate.json", "Rate")]
    [InlineData("simpleRateShop.json", "Shop")]
    [InlineData("simpleRate.json", "Ratetimeintransit")]
    public async Task Rating_UpsSampleRequest_AnswersTheResponseSchema(string sample, string option)
    {
        // Arrange
        var token = await TokenAsync();

        // Act
        var (status, body) = await SendAsync(HttpMethod.Post, $"rating/v2409/{option}", Sample("rating", sample), token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        await AssertSchemaAsync(RatingSpec, "RATEResponseWrapper", body);
    }

    [Fact]
    public async Task Rating_InvalidBillShipperAccountSample_Answers400()
    {
        // Arrange
        var token = await TokenAsync();

        // Act
        var (status, body) = await SendAsync(HttpMethod.Post, "rating/v2409/Rate", Sample("rating", "invalidBillShipperAccountNumber.json"), token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Missing or Invalid account number for Payment Details", (string?)body["response"]!["errors"]![0]!["message"]);
        await AssertSchemaAsync(RatingSpec, "ErrorResponse", body);
    }

    [Fact]
    public async Task Rating_Rate_ChargesFollowTheFormulaAndNegotiatedOnlyWhenAskedAndAllowed()
    {
        // Arrange
        var token = await TokenAsync();
        var otherToken = await TokenAsync(OtherClientId);

        // Act
        var (_, published) = await SendAsync(HttpMethod.Post, "rating/v2409/Rate", RateRequest(Shipper, "03", negotiated: false, 2.2m), token);
        var (_, negotiated) = await SendAsync(HttpMethod.Post, "rating/v2409/Rate", RateRequest(Shipper, "03", negotiated: true, 2.2m), token);
        var (_, notAllowed) = await SendAsync(HttpMethod.Post, "rating/v2409/Rate", RateRequest(OtherShipper, "03", negotiated: true, 2.2m), otherToken);

        // Assert
        var rated = published["RateResponse"]!["RatedShipment"]!;
        Assert.IsType<JsonObject>(rated);
        Assert.Equal("11.65", (string?)rated["TotalCharges"]!["MonetaryValue"]);
        Assert.Equal(UpsSimulator.PublishedCharge("03", 2.2m), decimal.Parse((string)rated["TotalCharges"]!["MonetaryValue"]!, CultureInfo.InvariantCulture));
        Assert.Null(rated["NegotiatedRateCharges"]);
        Assert.Equal("9.32", (string?)negotiated["RateResponse"]!["RatedShipment"]!["NegotiatedRateCharges"]!["TotalCharge"]!["MonetaryValue"]);
        Assert.Null(notAllowed["RateResponse"]!["RatedShipment"]!["NegotiatedRateCharges"]);
    }

    [Fact]
    public async Task Rating_Shop_ReturnsEveryDomesticServiceAsAnArray()
    {
        // Arrange
        var token = await TokenAsync();

        // Act
        var (status, body) = await SendAsync(HttpMethod.Post, "rating/v2409/Shop", RateRequest(Shipper, null, negotiated: false, 1m), token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        var services = body["RateResponse"]!["RatedShipment"]!.AsArray().Select(s => (string?)s!["Service"]!["Code"]).ToList();
        Assert.Equal(new string?[] { "03", "12", "02", "13", "01" }, services);
        await AssertSchemaAsync(RatingSpec, "RATEResponseWrapper", body);
    }

    [Fact]
    public async Task Rating_MissingShipmentOrWeight_AnswersUpsErrors()
    {
        // Arrange
        var token = await TokenAsync();
        var noWeight = RateRequest(Shipper, "03", negotiated: false, 1m);
        noWeight["RateRequest"]!["Shipment"]!["Package"]!.AsObject().Remove("PackageWeight");

        // Act
        var (noShipmentStatus, noShipment) = await SendAsync(HttpMethod.Post, "rating/v2409/Rate", new JsonObject { ["RateRequest"] = new JsonObject() }, token);
        var (noWeightStatus, _) = await SendAsync(HttpMethod.Post, "rating/v2409/Rate", noWeight, token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, noShipmentStatus);
        Assert.Equal("9110003", ErrorCode(noShipment));
        Assert.Equal(HttpStatusCode.BadRequest, noWeightStatus);
    }

    [Theory]
    [InlineData("ShipmentRequest.json")]
    [InlineData("ShippingRequestwithNegotiatedRates.json")]
    [InlineData("ShippingMultiPieceShipping.json")]
    public async Task Shipping_UpsSampleRequest_CreatesAShipmentInTheResponseSchema(string sample)
    {
        // Arrange
        var token = await TokenAsync();

        // Act
        var (status, body) = await SendAsync(HttpMethod.Post, "shipments/v2409/ship", Sample("shipping", sample), token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        await AssertSchemaAsync(ShippingSpec, "SHIPResponseWrapper", body);
        Assert.Equal(1, _sut.ShipmentCreateCount);
    }

    [Fact]
    public async Task Shipping_TwoPackagesAsArray_TrackingNumbersLabelsAndCharges()
    {
        // Arrange
        var token = await TokenAsync();

        // Act
        var (status, body) = await SendAsync(HttpMethod.Post, "shipments/v2409/ship", ShipRequest(Shipper, "03", negotiated: true, 1m, 2m), token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        var results = body["ShipmentResponse"]!["ShipmentResults"]!;
        var packages = results["PackageResults"]!.AsArray();
        Assert.Equal(new string?[] { "1ZA1B2C30300000012", "1ZA1B2C30300000021" }, packages.Select(p => (string?)p!["TrackingNumber"]));
        Assert.Equal("1ZA1B2C30300000012", (string?)results["ShipmentIdentificationNumber"]);
        Assert.Equal("GIF89a", Encoding.ASCII.GetString(Convert.FromBase64String((string)packages[0]!["ShippingLabel"]!["GraphicImage"]!))[..6]);
        Assert.Equal("20.00", (string?)results["ShipmentCharges"]!["TotalCharges"]!["MonetaryValue"]);
        Assert.Equal("16.00", (string?)results["NegotiatedRateCharges"]!["TotalCharge"]!["MonetaryValue"]);
        var shipment = Assert.Single(_sut.GetShipments());
        Assert.Equal(UpsSimulator.PublishedCharge("03", 1m) + UpsSimulator.PublishedCharge("03", 2m), shipment.TotalCharge);
        Assert.Equal("PO-1001", shipment.ReferenceNumber);
        await AssertSchemaAsync(ShippingSpec, "SHIPResponseWrapper", body);
    }

    [Fact]
    public async Task Shipping_PngLabelAsked_AnswersAPng()
    {
        // Arrange
        var token = await TokenAsync();
        var request = ShipRequest(Shipper, "01", negotiated: false, 1m);
        request["ShipmentRequest"]!["LabelSpecification"] = new JsonObject { ["LabelImageFormat"] = new JsonObject { ["Code"] = "PNG" } };

        // Act
        var (_, body) = await SendAsync(HttpMethod.Post, "shipments/v2409/ship", request, token);

        // Assert
        var label = body["ShipmentResponse"]!["ShipmentResults"]!["PackageResults"]!;
        Assert.IsType<JsonObject>(label);
        Assert.Equal("PNG", (string?)label["ShippingLabel"]!["ImageFormat"]!["Code"]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, Convert.FromBase64String((string)label["ShippingLabel"]!["GraphicImage"]!)[..4]);
        Assert.Equal("1ZA1B2C30100000016", (string?)label["TrackingNumber"]);
    }

    [Fact]
    public async Task Shipping_MissingRequiredElements_AnswerUpsErrorsAndCreateNothing()
    {
        // Arrange
        var token = await TokenAsync();
        var noShipFrom = ShipRequest(Shipper, "03", negotiated: false, 1m);
        noShipFrom["ShipmentRequest"]!["Shipment"]!.AsObject().Remove("ShipFrom");
        var noPayment = ShipRequest(Shipper, "03", negotiated: false, 1m);
        noPayment["ShipmentRequest"]!["Shipment"]!.AsObject().Remove("PaymentInformation");

        // Act
        var (foreignStatus, foreign) = await SendAsync(HttpMethod.Post, "shipments/v2409/ship", ShipRequest(OtherShipper, "03", negotiated: false, 1m), token);
        var (shipFromStatus, _) = await SendAsync(HttpMethod.Post, "shipments/v2409/ship", noShipFrom, token);
        var (paymentStatus, _) = await SendAsync(HttpMethod.Post, "shipments/v2409/ship", noPayment, token);
        var (serviceStatus, _) = await SendAsync(HttpMethod.Post, "shipments/v2409/ship", ShipRequest(Shipper, "65", negotiated: false, 1m), token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, foreignStatus);
        Assert.Equal("120100", ErrorCode(foreign));
        await AssertSchemaAsync(ShippingSpec, "ErrorResponse", foreign);
        Assert.Equal(HttpStatusCode.BadRequest, shipFromStatus);
        Assert.Equal(HttpStatusCode.BadRequest, paymentStatus);
        Assert.Equal(HttpStatusCode.BadRequest, serviceStatus);
        Assert.Equal(0, _sut.ShipmentCreateCount);
    }

    [Fact]
    public async Task Void_KnownAgainUnknownAndDelivered_AnswersAsUpsDoes()
    {
        // Arrange
        var token = await TokenAsync();
        var first = await ShipAsync(token);
        var second = await ShipAsync(token);
        await _sut.DeliverAsync(second);

        // Act
        var (voidStatus, voided) = await SendAsync(HttpMethod.Delete, $"shipments/v2409/void/cancel/{first}", null, token);
        var (againStatus, _) = await SendAsync(HttpMethod.Delete, $"shipments/v2409/void/cancel/{first}", null, token);
        var (unknownStatus, _) = await SendAsync(HttpMethod.Delete, "shipments/v2409/void/cancel/1ZA1B2C30399999990", null, token);
        var (deliveredStatus, _) = await SendAsync(HttpMethod.Delete, $"shipments/v2409/void/cancel/{second}", null, token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, voidStatus);
        await AssertSchemaAsync(ShippingSpec, "VOIDSHIPMENTResponseWrapper", voided);
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus);
        Assert.Equal(HttpStatusCode.BadRequest, deliveredStatus);
        Assert.True(_sut.GetShipments()[0].Voided);
        Assert.False(_sut.GetShipments()[1].Voided);
    }

    [Fact]
    public async Task Tracking_Timeline_AdvancesFromLabelCreatedToDelivered()
    {
        // Arrange
        var token = await TokenAsync();
        var number = await ShipAsync(token);
        var seen = new List<string>();

        // Act
        for (var i = 0; i < 4; i++)
        {
            var (_, body) = await SendAsync(HttpMethod.Get, $"track/v1/details/{number}", null, token, transId: true);
            await AssertSchemaAsync(TrackingSpec, "TrackApiResponse", body);
            seen.Add((string)body["trackResponse"]!["shipment"]![0]!["package"]![0]!["currentStatus"]!["type"]!);
            if (i < 3)
            {
                await _sut.AdvanceAsync(number);
            }
        }

        _time.Advance(TimeSpan.FromHours(3));
        await _sut.DeliverAsync(number);
        token = await TokenAsync();
        var (_, delivered) = await SendAsync(HttpMethod.Get, $"track/v1/details/{number}", null, token, transId: true);

        // Assert
        Assert.Equal(new[] { "M", "P", "I", "I" }, seen);
        var package = delivered["trackResponse"]!["shipment"]![0]!["package"]![0]!;
        Assert.Equal("D", (string?)package["currentStatus"]!["type"]);
        Assert.Equal("011", (string?)package["currentStatus"]!["statusCode"]);
        Assert.Equal("DEL", (string?)package["deliveryDate"]![0]!["type"]);
        Assert.Equal("20261123", (string?)package["deliveryDate"]![0]!["date"]);
        Assert.Equal(5, package["activity"]!.AsArray().Count);
        Assert.Equal("FS", (string?)package["activity"]![0]!["status"]!["code"]);
        await AssertSchemaAsync(TrackingSpec, "TrackApiResponse", delivered);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _sut.AdvanceAsync(number));
    }

    [Fact]
    public async Task Tracking_UnknownNumberOrMissingHeaders_Answers200WithTW0001Or400()
    {
        // Arrange
        var token = await TokenAsync();

        // Act
        var (unknownStatus, unknown) = await SendAsync(HttpMethod.Get, "track/v1/details/1Z9999999999999999", null, token, transId: true);
        var (noHeaderStatus, noHeader) = await SendAsync(HttpMethod.Get, "track/v1/details/1Z9999999999999999", null, token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, unknownStatus);
        Assert.Equal("TW0001", (string?)unknown["trackResponse"]!["shipment"]![0]!["warnings"]![0]!["code"]);
        await AssertSchemaAsync(TrackingSpec, "TrackApiResponse", unknown);
        Assert.Equal(HttpStatusCode.BadRequest, noHeaderStatus);
        Assert.Equal("VSS002", ErrorCode(noHeader));
    }

    [Fact]
    public async Task TrackAlert_Subscribe_SplitsValidAndInvalidNumbersAndRecordsFourteenDays()
    {
        // Arrange
        var token = await TokenAsync();

        // Act
        var (status, body) = await SubscribeAsync(token, ["1ZCIETST0111111114", "1Z1234567$8"]);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        await AssertSchemaAsync(TrackAlertSpec, "PackageSubscriptionSuccessResponse", body);
        Assert.Equal(new string?[] { "1ZCIETST0111111114" }, body["validTrackingNumbers"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(new string?[] { "1Z1234567$8" }, body["invalidTrackingNumbers"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(_time.GetUtcNow().AddDays(14), _sut.GetSubscriptionExpiry("1ZCIETST0111111114"));
        Assert.Equal(1, _sut.SubscriptionRequestCount);
    }

    [Fact]
    public async Task TrackAlert_101Numbers_AnswersVSS220AndSubscribesNothing()
    {
        // Arrange
        var token = await TokenAsync();
        var numbers = Enumerable.Range(0, 101).Select(i => "1ZCIETST04" + i.ToString("D8", CultureInfo.InvariantCulture)).ToList();

        // Act
        var (status, body) = await SubscribeAsync(token, numbers);
        var (hundredStatus, _) = await SubscribeAsync(token, numbers[..100]);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("VSS220", ErrorCode(body));
        await AssertSchemaAsync(TrackAlertSpec, "PackageSubscriptionErrorResponse", body);
        Assert.Equal(HttpStatusCode.OK, hundredStatus);
        Assert.Null(_sut.GetSubscriptionExpiry(numbers[100]));
        Assert.Equal(1, _sut.SubscriptionRequestCount);
    }

    [Theory]
    [InlineData(false, true, """{"locale":"en_US","trackingNumberList":["1ZCIETST0111111114"]}""", "VSS002")]
    [InlineData(true, false, """{"locale":"en_US","trackingNumberList":["1ZCIETST0111111114"]}""", "VSS004")]
    [InlineData(true, true, """{"trackingNumberList":["1ZCIETST0111111114"]}""", "VSS300")]
    [InlineData(true, true, """{"locale":"english","trackingNumberList":["1ZCIETST0111111114"]}""", "VSS310")]
    [InlineData(true, true, """{"locale":"en_US","countryCode":"usa","trackingNumberList":["1ZCIETST0111111114"]}""", "VSS400")]
    [InlineData(true, true, """{"locale":"en_US"}""", "VSS200")]
    [InlineData(true, true, """{"locale":"en_US","trackingNumberList":["nope"]}""", "VSS210")]
    public async Task TrackAlert_InvalidRequest_AnswersTheVssCode(bool sendTransId, bool sendSource, string body, string expected)
    {
        // Arrange
        var token = await TokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_sut.ApiBaseAddress, "track/v2/subscription/standard/package"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (sendTransId)
        {
            request.Headers.Add("transId", Guid.NewGuid().ToString("N"));
        }

        if (sendSource)
        {
            request.Headers.Add("transactionSrc", "ml-connector");
        }

        // Act
        using var response = await _http.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, ErrorCode(answer));
        await AssertSchemaAsync(TrackAlertSpec, "ErrorMessage", answer);
    }

    [Fact]
    public async Task TrackAlert_Push_SentWithUpsHeadersAndEventBodyOnlyWhileSubscribed()
    {
        // Arrange
        await using var receiver = await PushReceiver.StartAsync();
        _sut.ConfigureTrackAlertWebhook(receiver.Url, ClientId);
        var token = await TokenAsync();
        var number = await ShipAsync(token);

        // Act
        var unsubscribed = await _sut.AdvanceAsync(number);
        await SubscribeAsync(token, [number]);
        _time.Advance(TimeSpan.FromHours(1));
        var subscribed = await _sut.AdvanceAsync(number);

        // Assert
        Assert.Empty(unsubscribed);
        var push = Assert.Single(subscribed);
        Assert.Equal(200, push.StatusCode);
        var received = Assert.Single(receiver.Received);
        Assert.Equal(UpsSimulator.TrackAlertUserAgent, received.UserAgent);
        Assert.Equal(ClientId, received.ApiKey);
        var body = JsonNode.Parse(received.Body)!.AsObject();
        await AssertSchemaAsync(TrackAlertSpec, "TrackingEventRequest", body);
        Assert.Equal(number, (string?)body["trackingNumber"]);
        Assert.Equal("I", (string?)body["activityStatus"]!["type"]);
        Assert.Equal("DP", (string?)body["activityStatus"]!["code"]);
        Assert.Equal("20261123", (string?)body["localActivityDate"]);
        Assert.Equal("130000", (string?)body["localActivityTime"]);
        Assert.Equal(received.Body, Assert.Single(_sut.GetPushes()).Body);
    }

    [Fact]
    public async Task TrackAlert_SubscriptionAfterFourteenDays_SendsNothingUntilRenewed()
    {
        // Arrange
        await using var receiver = await PushReceiver.StartAsync();
        _sut.ConfigureTrackAlertWebhook(receiver.Url, ClientId);
        var token = await TokenAsync();
        var number = await ShipAsync(token);
        await SubscribeAsync(token, [number]);
        _time.Advance(TimeSpan.FromDays(14));

        // Act
        var expired = await _sut.AdvanceAsync(number);
        token = await TokenAsync();
        await SubscribeAsync(token, [number]);
        var renewed = await _sut.DeliverAsync(number);

        // Assert
        Assert.Empty(expired);
        Assert.Equal(_time.GetUtcNow().AddDays(14), _sut.GetSubscriptionExpiry(number));
        Assert.Single(renewed);
        var body = JsonNode.Parse(Assert.Single(receiver.Received).Body)!.AsObject();
        Assert.Equal("D", (string?)body["activityStatus"]!["type"]);
        Assert.Equal("20261207", (string?)body["actualDeliveryDate"]);
        await AssertSchemaAsync(TrackAlertSpec, "TrackingEventRequest", body);
    }

    [Fact]
    public async Task Faults_ThrottleFailAndDrop_AnswerUpsErrorsThenRecover()
    {
        // Arrange
        var token = await TokenAsync();
        _sut.ThrottleNext(1);
        _sut.FailNextRequest();
        _sut.DropNextResponse();

        // Act
        var (throttledStatus, throttled) = await SendAsync(HttpMethod.Post, "rating/v2409/Rate", RateRequest(Shipper, "03", negotiated: false, 1m), token);
        var (failedStatus, failed) = await SendAsync(HttpMethod.Post, "rating/v2409/Rate", RateRequest(Shipper, "03", negotiated: false, 1m), token);
        var dropped = await Record.ExceptionAsync(() => SendAsync(HttpMethod.Post, "shipments/v2409/ship", ShipRequest(Shipper, "03", negotiated: false, 1m), token));
        var (okStatus, _) = await SendAsync(HttpMethod.Post, "rating/v2409/Rate", RateRequest(Shipper, "03", negotiated: false, 1m), token);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, throttledStatus);
        Assert.Equal("10429", ErrorCode(throttled));
        Assert.Equal(HttpStatusCode.InternalServerError, failedStatus);
        Assert.Equal("10004", ErrorCode(failed));
        Assert.IsType<HttpRequestException>(dropped);
        Assert.Equal(1, _sut.ShipmentCreateCount);
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Contains(_sut.GetRequests(), r => r.StatusCode == 0 && r.Path == "/api/shipments/v2409/ship");
    }

    /// <summary>
    /// A UPS spec's schemas. Shipping.yaml has TABs (some as indentation, so each is 4 spaces) and several specs have whitespace-only lines that YamlDotNet rejects
    /// inside literal blocks (PROTOCOL-NOTES §1: strict YAML loaders reject them), so both are cleaned first; only
    /// description text changes.
    /// </summary>
    private static OpenApiSchemas Spec(string file)
    {
        var lines = File.ReadAllLines(ContractFiles.PathOf("ups/" + file)).Select(l => l.Replace("\t", "    ", StringComparison.Ordinal).TrimEnd());
        return OpenApiSchemas.Parse(string.Join('\n', lines), acceptSingleItems: true);
    }

    private static async Task AssertSchemaAsync(Lazy<OpenApiSchemas> spec, string schema, JsonNode body)
    {
        var errors = await spec.Value.ValidateAsync(schema, body.ToJsonString());
        Assert.True(errors.Count == 0, $"{schema}: {string.Join("; ", errors)}\n{body.ToJsonString()}");
    }

    private static string? ErrorCode(JsonObject body) => (string?)body["response"]?["errors"]?[0]?["code"];

    /// <summary>One of UPS's sample requests, its placeholders filled: shipper and account numbers with ours, anything else with a quoted value.</summary>
    private static JsonObject Sample(string folder, string file)
    {
        var text = File.ReadAllText(ContractFiles.PathOf($"ups/samples/{folder}/{file}"))
            .Replace("<invalid shipper number>", "\"QQQ999\"", StringComparison.Ordinal)
            .Replace("<your shipper number>", $"\"{Shipper}\"", StringComparison.Ordinal)
            .Replace("<Shipper Number>", Shipper, StringComparison.Ordinal)
            .Replace("<your Account Number>", Shipper, StringComparison.Ordinal);
        return JsonNode.Parse(BarePlaceholder().Replace(text, ": \"X\""))!.AsObject();
    }

    [GeneratedRegex(@":\s*<([^>""]+)>")]
    private static partial Regex BarePlaceholder();

    private static JsonObject Xav(string line, string postalCode) => new()
    {
        ["XAVRequest"] = new JsonObject
        {
            ["AddressKeyFormat"] = new JsonObject
            {
                ["AddressLine"] = line,
                ["PoliticalDivision2"] = "Aliso Viejo",
                ["PoliticalDivision1"] = "CA",
                ["PostcodePrimaryLow"] = postalCode,
                ["CountryCode"] = "US",
            },
        },
    };

    private static JsonObject Party(string name, string line, string city, string state, string postal) => new()
    {
        ["Name"] = name,
        ["Address"] = new JsonObject { ["AddressLine"] = new JsonArray(line), ["City"] = city, ["StateProvinceCode"] = state, ["PostalCode"] = postal, ["CountryCode"] = "US" },
    };

    private static JsonObject Package(decimal pounds, bool shipping) => new()
    {
        [shipping ? "Packaging" : "PackagingType"] = new JsonObject { ["Code"] = "02" },
        ["PackageWeight"] = new JsonObject
        {
            ["UnitOfMeasurement"] = new JsonObject { ["Code"] = "LBS" },
            ["Weight"] = pounds.ToString(CultureInfo.InvariantCulture),
        },
    };

    private static JsonObject Shipment(string shipper, string? service, bool negotiated, bool shipping, decimal[] pounds)
    {
        var from = Party("Acme Warehouse", "100 Dock St", "Timonium", "MD", "21093");
        var shipperParty = from.DeepClone().AsObject();
        shipperParty["ShipperNumber"] = shipper;
        var shipment = new JsonObject
        {
            ["Shipper"] = shipperParty,
            ["ShipTo"] = Party("Grace Hopper", "1 Navy Way", "Alpharetta", "GA", "30005"),
            ["ShipFrom"] = from,
            [shipping ? "PaymentInformation" : "PaymentDetails"] = new JsonObject
            {
                ["ShipmentCharge"] = new JsonArray(new JsonObject { ["Type"] = "01", ["BillShipper"] = new JsonObject { ["AccountNumber"] = shipper } }),
            },
            ["Package"] = pounds.Length == 1 ? Package(pounds[0], shipping) : new JsonArray([.. pounds.Select(p => (JsonNode)Package(p, shipping))]),
            ["ReferenceNumber"] = new JsonObject { ["Value"] = "PO-1001" },
        };
        if (service is not null)
        {
            shipment["Service"] = new JsonObject { ["Code"] = service };
        }

        if (negotiated)
        {
            shipment["ShipmentRatingOptions"] = new JsonObject { ["NegotiatedRatesIndicator"] = string.Empty };
        }

        return shipment;
    }

    private static JsonObject RateRequest(string shipper, string? service, bool negotiated, params decimal[] pounds) => new()
    {
        ["RateRequest"] = new JsonObject
        {
            ["Request"] = new JsonObject { ["TransactionReference"] = new JsonObject { ["CustomerContext"] = "ctx" } },
            ["Shipment"] = Shipment(shipper, service, negotiated, shipping: false, pounds),
        },
    };

    private static JsonObject ShipRequest(string shipper, string service, bool negotiated, params decimal[] pounds) => new()
    {
        ["ShipmentRequest"] = new JsonObject
        {
            ["Request"] = new JsonObject { ["RequestOption"] = "nonvalidate" },
            ["Shipment"] = Shipment(shipper, service, negotiated, shipping: true, pounds),
        },
    };

    private async Task<(HttpStatusCode Status, JsonObject Body)> TokenRequestAsync(string clientId, string secret, string? merchant)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _sut.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        if (merchant is not null)
        {
            request.Headers.Add("x-merchant-id", merchant);
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private async Task<string> TokenAsync(string clientId = ClientId)
    {
        var (status, body) = await TokenRequestAsync(clientId, ClientSecret, null);
        Assert.Equal(HttpStatusCode.OK, status);
        return (string)body["access_token"]!;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpMethod method, string path, JsonObject? body, string? token, bool transId = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(_sut.ApiBaseAddress, path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (transId)
        {
            request.Headers.Add("transId", Guid.NewGuid().ToString("N"));
            request.Headers.Add("transactionSrc", "ml-connector");
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private async Task<string> ShipAsync(string token)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "shipments/v2409/ship", ShipRequest(Shipper, "03", negotiated: false, 1m), token);
        Assert.Equal(HttpStatusCode.OK, status);
        return (string)body["ShipmentResponse"]!["ShipmentResults"]!["ShipmentIdentificationNumber"]!;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> SubscribeAsync(string token, IEnumerable<string> numbers) =>
        await SendAsync(
            HttpMethod.Post,
            "track/v2/subscription/standard/package",
            new JsonObject { ["locale"] = "en_US", ["countryCode"] = "US", ["trackingNumberList"] = new JsonArray([.. numbers.Select(n => (JsonNode?)JsonValue.Create(n))]) },
            token,
            transId: true);

    /// <summary>A real webhook receiver on loopback that records what Track Alert sent.</summary>
    private sealed class PushReceiver : IAsyncDisposable
    {
        private readonly List<(string? UserAgent, string? ApiKey, string Body)> _received = [];
        private WebApplication _app = null!;

        public Uri Url { get; private set; } = null!;

        public IReadOnlyList<(string? UserAgent, string? ApiKey, string Body)> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public static async Task<PushReceiver> StartAsync()
        {
            var receiver = new PushReceiver();
            var (app, address) = await LoopbackHost.StartAsync(a => a.MapPost("/ups/track-alert", receiver.ReceiveAsync));
            receiver._app = app;
            receiver.Url = new Uri(address, "ups/track-alert");
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task<IResult> ReceiveAsync(HttpRequest request)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            lock (_received)
            {
                _received.Add((request.Headers.UserAgent.ToString(), request.Headers["x-api-key"].ToString(), body));
            }

            return Results.Ok();
        }
    }
}
