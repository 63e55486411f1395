using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.Ups;

/// <summary>
/// The real <see cref="UpsClient"/> over loopback HTTP against UPS's own sample answers (contracts/ups/samples) and
/// schema-checked fixtures, with real client-credentials tokens from the OAuth simulator; every request body the client
/// sends is validated against UPS's OpenAPI request schema.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UpsClientTests(AzuriteFixture azurite)
{
    private const string Conn = UpsHarness.ConnectionId;

    [Fact]
    public async Task ValidateAddressAsync_ValidAnswer_ReturnsStandardisedCandidateFromSchemaValidRequest()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        var fixture = UpsHarness.Fixture("xav-valid.json");
        h.Ups.Enqueue(HttpStatusCode.OK, fixture);
        var asked = new UpsAddress("Ritz Camera", ["26601 Aliso Creek Road", "Ste D"], "Aliso Viejo", "CA", "92656-1521", "US") { Phone = "9495550100" };

        // Act
        var result = await h.Client.ValidateAddressAsync(Conn, asked);

        // Assert
        Assert.Equal([], await UpsContract.Xav.ValidateAsync("XAVResponseWrapper", fixture));
        var request = Assert.Single(h.Ups.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/addressvalidation/v2/3", request.Path);
        Assert.Equal([], await UpsContract.Xav.ValidateAsync("XAVRequestWrapper", request.Body));
        var key = JsonNode.Parse(request.Body)!["XAVRequest"]!["AddressKeyFormat"]!;
        Assert.Equal("92656", (string?)key["PostcodePrimaryLow"]);
        Assert.Equal("1521", (string?)key["PostcodeExtendedLow"]);
        Assert.Equal("Aliso Viejo", (string?)key["PoliticalDivision2"]);
        Assert.Equal(UpsAddressClassification.Valid, result.Classification);
        var candidate = Assert.Single(result.Candidates);
        Assert.Equal(new[] { "26601 ALISO CREEK RD", "STE D" }, candidate.AddressLines);
        Assert.Equal(("ALISO VIEJO", "CA", "92656-1521", "US"), (candidate.City, candidate.StateProvinceCode, candidate.PostalCode, candidate.CountryCode));
        Assert.Equal("Ritz Camera", candidate.Name);
        Assert.Equal("9495550100", candidate.Phone);
        Assert.Equal("1", candidate.ClassificationCode);
    }

    [Fact]
    public async Task ValidateAddressAsync_AmbiguousAnswer_ReturnsEveryCandidateWithZipPlus4Joined()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        var fixture = UpsHarness.Fixture("xav-ambiguous.json");
        h.Ups.Enqueue(HttpStatusCode.OK, fixture);

        // Act
        var result = await h.Client.ValidateAddressAsync(Conn, new UpsAddress("Ann", ["1Q Main ST"], "Madison", "WI", "53717", "US"));

        // Assert
        Assert.Equal([], await UpsContract.Xav.ValidateAsync("XAVResponseWrapper", fixture));
        Assert.Equal(UpsAddressClassification.Ambiguous, result.Classification);
        Assert.Equal(["53703-3316", "53703"], result.Candidates.Select(c => c.PostalCode));
        Assert.Equal(["2", "1"], result.Candidates.Select(c => c.ClassificationCode));
        Assert.Null(JsonNode.Parse(Assert.Single(h.Ups.Requests).Body)!["XAVRequest"]!["AddressKeyFormat"]!["PostcodeExtendedLow"]);
    }

    [Fact]
    public async Task ValidateAddressAsync_NoCandidatesAnswer_ReturnsNoCandidates()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        var fixture = UpsHarness.Fixture("xav-no-candidates.json");
        h.Ups.Enqueue(HttpStatusCode.OK, fixture);

        // Act
        var result = await h.Client.ValidateAddressAsync(Conn, new UpsAddress("Nobody", ["1 Nowhere Ln"], "Nowhere", "CA", "99999", "US"));

        // Assert
        Assert.Equal([], await UpsContract.Xav.ValidateAsync("XAVResponseWrapper", fixture));
        Assert.Equal(UpsAddressClassification.NoCandidates, result.Classification);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public async Task RateAsync_RateSampleWithOneRatedShipmentObject_MapsQuoteFromSchemaValidRequest()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        h.Ups.Enqueue(HttpStatusCode.OK, UpsHarness.Sample("rating/simpleRateResponse.json"));

        // Act
        var quotes = await h.Client.RateAsync(Conn, UpsHarness.NewShipment(), shop: false);

        // Assert
        var quote = Assert.Single(quotes);
        Assert.Equal(("03", 9.45m, "USD"), (quote.ServiceCode, quote.TotalCharge, quote.CurrencyCode));
        Assert.Null(quote.NegotiatedCharge);
        Assert.Equal(9.45m, quote.BillableCharge);
        Assert.Equal(["Your invoice may vary from the displayed reference rates"], quote.Alerts);
        var request = Assert.Single(h.Ups.Requests);
        Assert.Equal("/api/rating/v2409/Rate", request.Path);
        Assert.Equal([], await UpsContract.ValidateRateRequestAsync(request.Body));
        var shipment = JsonNode.Parse(request.Body)!["RateRequest"]!["Shipment"]!;
        Assert.Equal("03", (string?)shipment["Service"]!["Code"]);
        Assert.Equal(UpsHarness.ShipperNumber, (string?)shipment["Shipper"]!["ShipperNumber"]);
        Assert.Equal(UpsHarness.ShipperNumber, (string?)shipment["PaymentDetails"]!["ShipmentCharge"]![0]!["BillShipper"]!["AccountNumber"]);
        Assert.Equal("926561521", (string?)shipment["ShipTo"]!["Address"]!["PostalCode"]);
        Assert.Equal(["10.5", "2"], shipment["Package"]!.AsArray().Select(p => (string?)p!["PackageWeight"]!["Weight"]));
        Assert.Null(shipment["ShipmentRatingOptions"]);
    }

    [Fact]
    public async Task RateAsync_ShopWithRatedShipmentArray_MapsEveryServiceWithNegotiatedCharges()
    {
        // Arrange: UPS's published-rate answer, with RatedShipment as an array of two services, the second negotiated.
        await using var h = await UpsHarness.StartAsync(azurite);
        var answer = JsonNode.Parse(UpsHarness.Sample("rating/publishedRateResponse.json"))!;
        var ground = answer["RateResponse"]!["RatedShipment"]!;
        var secondDay = ground.DeepClone();
        secondDay["Service"]!["Code"] = "02";
        secondDay["TotalCharges"]!["MonetaryValue"] = "31.07";
        secondDay["NegotiatedRateCharges"] = JsonNode.Parse("""{"TotalCharge":{"CurrencyCode":"USD","MonetaryValue":"24.86"}}""");
        answer["RateResponse"]!["RatedShipment"] = new JsonArray(ground.DeepClone(), secondDay);
        h.Ups.Enqueue(HttpStatusCode.OK, answer.ToJsonString());

        // Act
        var quotes = await h.Client.RateAsync(Conn, UpsHarness.NewShipment(negotiated: true), shop: true);

        // Assert
        Assert.Equal(["03", "02"], quotes.Select(q => q.ServiceCode));
        Assert.Equal([12.49m, 31.07m], quotes.Select(q => q.TotalCharge));
        Assert.Equal([null, 24.86m], quotes.Select(q => q.NegotiatedCharge));
        Assert.Equal([12.49m, 24.86m], quotes.Select(q => q.BillableCharge));
        var request = Assert.Single(h.Ups.Requests);
        Assert.Equal("/api/rating/v2409/Shop", request.Path);
        Assert.Equal([], await UpsContract.ValidateRateRequestAsync(request.Body));
        var body = JsonNode.Parse(request.Body)!["RateRequest"]!;
        Assert.Equal("Shop", (string?)body["Request"]!["RequestOption"]);
        Assert.Null(body["Shipment"]!["Service"]);
        Assert.Equal(string.Empty, (string?)body["Shipment"]!["ShipmentRatingOptions"]!["NegotiatedRatesIndicator"]);
    }

    [Fact]
    public async Task CreateShipmentAsync_ShipmentResponseSample_DecodesLabelAndMapsChargesFromSchemaValidRequest()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        var sample = UpsHarness.Sample("shipping/resp_ShipmentResponse.json");
        h.Ups.Enqueue(HttpStatusCode.OK, sample);
        var expectedLabel = Convert.FromBase64String((string)JsonNode.Parse(sample)!["ShipmentResponse"]!["ShipmentResults"]!["PackageResults"]!["ShippingLabel"]!["GraphicImage"]!);

        // Act
        var result = await h.Client.CreateShipmentAsync(Conn, UpsHarness.NewShipment(negotiated: true));

        // Assert
        Assert.Equal("1ZWA82900123277535", result.ShipmentIdentificationNumber);
        Assert.Equal((193.64m, "USD", 198.42m), (result.TotalCharge, result.CurrencyCode, result.NegotiatedCharge));
        Assert.Equal(198.42m, result.BillableCharge);
        var package = Assert.Single(result.Packages);
        Assert.Equal(("1ZWA82900123277535", "GIF"), (package.TrackingNumber, package.LabelFormat));
        Assert.Equal(expectedLabel, package.LabelImage.ToArray());
        Assert.Equal("GIF8"u8.ToArray(), package.LabelImage[..4].ToArray());

        var request = Assert.Single(h.Ups.Requests);
        Assert.Equal("/api/shipments/v2409/ship", request.Path);
        Assert.Equal([], await UpsContract.Shipping.ValidateAsync("SHIPRequestWrapper", request.Body));
        var body = JsonNode.Parse(request.Body)!["ShipmentRequest"]!;
        Assert.Equal("GIF", (string?)body["LabelSpecification"]!["LabelImageFormat"]!["Code"]);
        Assert.Equal(("6", "4"), ((string?)body["LabelSpecification"]!["LabelStockSize"]!["Height"], (string?)body["LabelSpecification"]!["LabelStockSize"]!["Width"]));
        Assert.Equal("PO-1001", (string?)body["Request"]!["TransactionReference"]!["CustomerContext"]);
        var shipment = body["Shipment"]!;
        Assert.Equal(UpsHarness.ShipperNumber, (string?)shipment["Shipper"]!["ShipperNumber"]);
        Assert.Equal(UpsHarness.ShipperNumber, (string?)shipment["PaymentInformation"]!["ShipmentCharge"]![0]!["BillShipper"]!["AccountNumber"]);
        Assert.Equal("Receiving", (string?)shipment["ShipTo"]!["AttentionName"]);
        Assert.Null(shipment["ReferenceNumber"]);
        Assert.All(shipment["Package"]!.AsArray(), p => Assert.Equal("PO-1001", (string?)p!["ReferenceNumber"]![0]!["Value"]));
    }

    [Fact]
    public async Task CreateShipmentAsync_InternationalShipment_PutsReferenceOnShipmentNotPackages()
    {
        // Arrange: Shipping.yaml: package references are valid for US/US and PR/PR, shipment references otherwise.
        await using var h = await UpsHarness.StartAsync(azurite);
        h.Ups.Enqueue(HttpStatusCode.OK, UpsHarness.Sample("shipping/resp_ShipmentResponse.json"));

        // Act
        await h.Client.CreateShipmentAsync(Conn, UpsHarness.NewShipment(shipTo: new UpsAddress("Ada Lovelace", ["100 Queen St W"], "Toronto", "ON", "M5H2N2", "CA")));

        // Assert
        var request = Assert.Single(h.Ups.Requests);
        Assert.Equal([], await UpsContract.Shipping.ValidateAsync("SHIPRequestWrapper", request.Body));
        var shipment = JsonNode.Parse(request.Body)!["ShipmentRequest"]!["Shipment"]!;
        Assert.Equal("PO-1001", (string?)shipment["ReferenceNumber"]![0]!["Value"]);
        Assert.All(shipment["Package"]!.AsArray(), p => Assert.Null(p!["ReferenceNumber"]));
    }

    [Fact]
    public async Task VoidShipmentAsync_UpsConfirms_SendsDeleteForTheShipment()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        var fixture = UpsHarness.Fixture("void-success.json");
        h.Ups.Enqueue(HttpStatusCode.OK, fixture);

        // Act
        await h.Client.VoidShipmentAsync(Conn, "1ZWA82900123277535");

        // Assert
        Assert.Equal([], await UpsContract.Shipping.ValidateAsync("VOIDSHIPMENTResponseWrapper", fixture));
        var request = Assert.Single(h.Ups.Requests);
        Assert.Equal(("DELETE", "/api/shipments/v2409/void/cancel/1ZWA82900123277535"), (request.Method, request.Path));
    }

    [Fact]
    public async Task TrackAsync_DeliveredAndUnknownNumbers_MapsStatusAndTreatsTw0001AsNotFound()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        var delivered = UpsHarness.Fixture("track-delivered.json");
        var unknown = UpsHarness.Fixture("track-not-found.json");
        h.Ups.Respond(r => r.Path.EndsWith("1Z023E2X0214323462", StringComparison.Ordinal) ? (HttpStatusCode.OK, delivered) : (HttpStatusCode.OK, unknown));

        // Act
        var statuses = await h.Client.TrackAsync(Conn, ["1Z023E2X0214323462", "1Z0000000000000000"]);

        // Assert
        Assert.Equal([], await UpsContract.Tracking.ValidateAsync("TrackApiResponse", delivered));
        Assert.Equal([], await UpsContract.Tracking.ValidateAsync("TrackApiResponse", unknown));
        Assert.Equal(2, statuses.Count);
        var first = statuses[0];
        Assert.True(first.Found);
        Assert.True(first.Delivered);
        Assert.Equal(("1Z023E2X0214323462", "D", "011", "FS", "Delivered"), (first.TrackingNumber, first.StatusType, first.StatusCode, first.ActivityCode, first.Description));
        Assert.Equal(new DateTimeOffset(2021, 2, 10, 7, 13, 56, TimeSpan.Zero), first.ActivityLocalTime);
        Assert.Equal(new DateTimeOffset(2021, 2, 10, 12, 13, 56, TimeSpan.Zero), first.ActivityTimeUtc);
        Assert.Equal("Wayne, NJ, US", first.Location);
        Assert.Equal(new DateOnly(2021, 2, 9), first.ScheduledDeliveryDate);
        Assert.Equal(new DateOnly(2021, 2, 10), first.DeliveredDate);
        Assert.Equal(new UpsTrackingStatus("1Z0000000000000000", Found: false), statuses[1]);
        Assert.All(h.Ups.Requests, r => Assert.Equal(("GET", "?locale=en_US"), (r.Method, r.Query)));
    }

    [Fact]
    public async Task TrackAsync_404WithUpsErrorBody_IsNotFound_AndA404WithoutOneIsAnError()
    {
        // Arrange: Tracking.yaml's 404 "Tracking number information not found" in its Response schema (UPS publishes no
        // code for it; "404" is the simulator's), then a 404 that is not UPS's error shape (a proxy's page).
        await using var h = await UpsHarness.StartAsync(azurite);
        const string upsNotFound = """{"response":{"errors":[{"code":"404","message":"Tracking number information not found"}]}}""";
        h.Ups.Enqueue(HttpStatusCode.NotFound, upsNotFound).Enqueue(HttpStatusCode.NotFound, "<html>Not Found</html>");

        // Act
        var status = Assert.Single(await h.Client.TrackAsync(Conn, ["1Z0000000000000000"]));
        var ex = await Assert.ThrowsAnyAsync<ConnectorException>(() => h.Client.TrackAsync(Conn, ["1Z0000000000000001"]));

        // Assert
        Assert.Equal([], await UpsContract.Tracking.ValidateAsync("Response", upsNotFound));
        Assert.Equal(new UpsTrackingStatus("1Z0000000000000000", Found: false), status);
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task SubscribeTrackAlertAsync_250Numbers_SendsThreeRequestsOfAtMost100AndMergesAnswers()
    {
        // Arrange: UPS accepts every number except each 40th.
        await using var h = await UpsHarness.StartAsync(azurite);
        var numbers = Enumerable.Range(0, 250).Select(i => "1ZCIETST" + i.ToString("D10", CultureInfo.InvariantCulture)).ToList();
        var refused = numbers.Where((_, i) => i % 40 == 0).ToHashSet();
        h.Ups.Respond(r =>
        {
            var asked = JsonNode.Parse(r.Body)!["trackingNumberList"]!.AsArray().Select(n => (string)n!).ToList();
            var answer = new JsonObject
            {
                ["validTrackingNumbers"] = new JsonArray([.. asked.Where(n => !refused.Contains(n)).Select(n => JsonValue.Create(n))]),
                ["invalidTrackingNumbers"] = new JsonArray([.. asked.Where(refused.Contains).Select(n => JsonValue.Create(n))]),
            };
            return (HttpStatusCode.OK, answer.ToJsonString());
        });

        // Act
        var result = await h.Client.SubscribeTrackAlertAsync(Conn, numbers);

        // Assert
        var requests = h.Ups.Requests;
        Assert.Equal([100, 100, 50], requests.Select(r => JsonNode.Parse(r.Body)!["trackingNumberList"]!.AsArray().Count));
        Assert.All(requests, r => Assert.Equal(("POST", "/api/track/v2/subscription/standard/package"), (r.Method, r.Path)));
        foreach (var request in requests)
        {
            Assert.Equal([], await UpsContract.TrackAlert.ValidateAsync("PackageSubscriptionRequest", request.Body));
            var body = JsonNode.Parse(request.Body)!;
            Assert.Equal(("en_US", "US"), ((string?)body["locale"], (string?)body["countryCode"]));
        }

        Assert.Equal(numbers.Where(n => !refused.Contains(n)), result.Accepted);
        Assert.Equal(numbers.Where(refused.Contains), result.Rejected);
        Assert.Equal(7, result.Rejected.Count);
    }

    [Fact]
    public async Task EveryCall_CarriesBearerUniqueTransIdAndTransactionSrc_AndTokenRequestCarriesMerchantId()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        h.Ups.Enqueue(HttpStatusCode.OK, UpsHarness.Fixture("xav-valid.json"))
            .Enqueue(HttpStatusCode.OK, UpsHarness.Sample("rating/simpleRateResponse.json"))
            .Enqueue(HttpStatusCode.OK, UpsHarness.Fixture("void-success.json"));

        // Act
        await h.Client.ValidateAddressAsync(Conn, UpsHarness.NewShipment().ShipTo);
        await h.Client.RateAsync(Conn, UpsHarness.NewShipment(), shop: false);
        await h.Client.VoidShipmentAsync(Conn, "1ZWA82900123277535");

        // Assert
        var requests = h.Ups.Requests;
        Assert.Equal(3, requests.Count);
        var transIds = requests.Select(r => r.Headers["transId"]).ToList();
        Assert.All(transIds, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(3, transIds.Distinct(StringComparer.Ordinal).Count());
        Assert.All(requests, r => Assert.Equal("ml-connector", r.Headers["transactionSrc"]));
        var bearer = Assert.Single(requests.Select(r => r.Headers["Authorization"]).Distinct());
        Assert.StartsWith("Bearer ", bearer, StringComparison.Ordinal);
        Assert.True(h.Identity.IsAccessTokenValid(bearer["Bearer ".Length..]));
        var tokenRequest = Assert.Single(h.Identity.GetRequests());
        Assert.Equal(("client_credentials", "basic", UpsHarness.ShipperNumber), (tokenRequest.GrantType, tokenRequest.ClientAuthStyle, tokenRequest.MerchantId));
    }

    [Fact]
    public async Task ValidateAddressAsync_On401_RenewsTokenOnceAndResendsWithNewTransId()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        h.Ups.Enqueue(HttpStatusCode.Unauthorized, """{"response":{"errors":[{"code":"250002","message":"Invalid Authentication Information."}]}}""")
            .Enqueue(HttpStatusCode.OK, UpsHarness.Fixture("xav-valid.json"));

        // Act
        var result = await h.Client.ValidateAddressAsync(Conn, UpsHarness.NewShipment().ShipTo);

        // Assert
        Assert.Equal(UpsAddressClassification.Valid, result.Classification);
        var requests = h.Ups.Requests;
        Assert.Equal(2, requests.Count);
        Assert.NotEqual(requests[0].Headers["Authorization"], requests[1].Headers["Authorization"]);
        Assert.NotEqual(requests[0].Headers["transId"], requests[1].Headers["transId"]);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(2, h.Identity.CountRequests(UpsHarness.ClientId, "client_credentials"));
    }

    [Fact]
    public async Task ValidateAddressAsync_401AfterRenewal_ThrowsAuthExceptionWithoutThirdAttempt()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        const string refused = """{"response":{"errors":[{"code":"250002","message":"Invalid Authentication Information."}]}}""";
        h.Ups.Enqueue(HttpStatusCode.Unauthorized, refused).Enqueue(HttpStatusCode.Unauthorized, refused);

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => h.Client.ValidateAddressAsync(Conn, UpsHarness.NewShipment().ShipTo));

        // Assert
        Assert.Equal(("250002", HttpStatusCode.Unauthorized), (ex.VendorErrorCode, ex.StatusCode));
        Assert.Equal(2, h.Ups.Requests.Count);
    }

    [Fact]
    public async Task RateAsync_Ups10429WithRetryAfter_ThrowsRateLimitedCarryingTheDelay()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        h.Ups.Enqueue(HttpStatusCode.TooManyRequests, """{"response":{"errors":[{"code":"10429","message":"Too Many Requests"}]}}""", ("Retry-After", "7"));

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorRateLimitedException>(() => h.Client.RateAsync(Conn, UpsHarness.NewShipment(), shop: false));

        // Assert
        Assert.Equal(("ups", "10429", TimeSpan.FromSeconds(7)), (ex.Connector, ex.VendorErrorCode, ex.RetryAfter));
        Assert.Contains("Too Many Requests", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Ups.Requests);
    }

    [Fact]
    public async Task CreateShipmentAsync_Ups10429WithRetryAfter_ResendsTheRefusedShipOnceAndShips()
    {
        // Arrange: HTTP retries on (the harness turns them off); UPS refuses the first ship with 10429.
        await using var h = await UpsHarness.StartAsync(azurite, new() { ["Resilience:ups:MaxRetryAttempts"] = "2" });
        h.Ups.Enqueue(HttpStatusCode.TooManyRequests, """{"response":{"errors":[{"code":"10429","message":"Too Many Requests"}]}}""", ("Retry-After", "0"));
        h.Ups.Enqueue(HttpStatusCode.OK, UpsHarness.Sample("shipping/resp_ShipmentResponse.json"));

        // Act
        var result = await h.Client.CreateShipmentAsync(Conn, UpsHarness.NewShipment());

        // Assert
        Assert.Equal("1ZWA82900123277535", result.ShipmentIdentificationNumber);
        Assert.Equal(2, h.Ups.Requests.Count);
        Assert.All(h.Ups.Requests, r => Assert.Equal("/api/shipments/v2409/ship", r.Path));
    }

    [Fact]
    public async Task CreateShipmentAsync_503_IsNotResentBecauseUpsMayHaveShipped()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite, new() { ["Resilience:ups:MaxRetryAttempts"] = "2" });
        h.Ups.Enqueue(HttpStatusCode.ServiceUnavailable, """{"response":{"errors":[{"code":"190001","message":"The service is temporarily unavailable"}]}}""");
        h.Ups.Enqueue(HttpStatusCode.OK, UpsHarness.Sample("shipping/resp_ShipmentResponse.json"));

        // Act
        await Assert.ThrowsAnyAsync<ConnectorException>(() => h.Client.CreateShipmentAsync(Conn, UpsHarness.NewShipment()));

        // Assert
        Assert.Single(h.Ups.Requests);
    }

    [Fact]
    public async Task CreateShipmentAsync_UpsValidationError_ThrowsValidationWithUpsMessageAndSendsOnce()
    {
        // Arrange: code and text as UPS reports them (postmaster/postmaster-api issue #47: "120801: Address Validation Error on Shipper address").
        await using var h = await UpsHarness.StartAsync(azurite);
        h.Ups.Enqueue(HttpStatusCode.BadRequest, """{"response":{"errors":[{"code":"120801","message":"Address Validation Error on Shipper address"}]}}""");

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorValidationException>(() => h.Client.CreateShipmentAsync(Conn, UpsHarness.NewShipment()));

        // Assert
        Assert.Equal(("120801", HttpStatusCode.BadRequest), (ex.VendorErrorCode, ex.StatusCode));
        Assert.Contains("Address Validation Error on Shipper address", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Ups.Requests);
    }

    [Fact]
    public async Task ShipperNumber_NeverInLogsOrExceptions_EvenWhenUpsEchoesIt()
    {
        // Arrange: a successful rate and ship, then a refusal whose body repeats the account number (defensive: UPS does
        // not document echoing it, but an error text such as "account X is invalid" must not carry it further).
        await using var h = await UpsHarness.StartAsync(azurite);
        h.Ups.Enqueue(HttpStatusCode.OK, UpsHarness.Sample("rating/simpleRateResponse.json"))
            .Enqueue(HttpStatusCode.OK, UpsHarness.Sample("shipping/resp_ShipmentResponse.json"))
            .Enqueue(HttpStatusCode.BadRequest, $$$"""{"response":{"errors":[{"code":"120100","message":"Missing or invalid shipper number {{{UpsHarness.ShipperNumber}}}"}]}}""");

        // Act
        await h.Client.RateAsync(Conn, UpsHarness.NewShipment(), shop: false);
        await h.Client.CreateShipmentAsync(Conn, UpsHarness.NewShipment());
        var ex = await Assert.ThrowsAsync<ConnectorValidationException>(() => h.Client.CreateShipmentAsync(Conn, UpsHarness.NewShipment()));

        // Assert
        Assert.Contains("[redacted]", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(UpsHarness.ShipperNumber, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(UpsHarness.ShipperNumber, ex.VendorErrorBody ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("120100", ex.VendorErrorCode);
        var logs = h.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.All(logs, l =>
        {
            Assert.DoesNotContain(UpsHarness.ShipperNumber, l.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(UpsHarness.ShipperNumber, l.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
            Assert.All(l.StructuredState ?? [], kv => Assert.DoesNotContain(UpsHarness.ShipperNumber, kv.Value ?? string.Empty, StringComparison.Ordinal));
        });
        Assert.All(h.Audit.Records, r => Assert.DoesNotContain(UpsHarness.ShipperNumber, r.Detail ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateAsync_NoShipperNumberSecret_ThrowsAuthExceptionWithoutCallingUps()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        await h.Services.GetRequiredService<IConnectionStore>().CreateAsync(new Connection
        {
            Id = "ups-nonumber",
            Kind = IntegrationKinds.QboUps,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["ups"] = new Dictionary<string, string> { ["baseUrl"] = h.Ups.BaseAddress.AbsoluteUri } },
        });

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => h.Client.RateAsync("ups-nonumber", UpsHarness.NewShipment(), shop: false));

        // Assert
        Assert.Contains(UpsClient.ShipperNumberSecret, ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Ups.Requests);
    }
}
