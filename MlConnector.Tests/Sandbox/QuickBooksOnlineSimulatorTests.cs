using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Sandbox;

/// <summary>The QBO simulator over raw HTTP on loopback: state, SyncToken, faults, queries, requestid, auth and limits.</summary>
[Trait("Category", "Integration")]
public sealed class QuickBooksOnlineSimulatorTests : IAsyncLifetime, IDisposable
{
    private const string Realm = "4620816365";
    private const string Token = "good-token";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private QuickBooksOnlineSimulator _sut = null!;

    public async Task InitializeAsync()
    {
        _sut = await QuickBooksOnlineSimulator.StartAsync(t => t == Token, _time);
        _sut.SeedDemoCatalog(Realm);
    }

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Create_Customer_AssignsIdSyncTokenZeroAndMetaData()
    {
        // Act
        var (status, body) = await PostAsync("customer", """{"DisplayName":"Ada Lovelace","PrimaryEmailAddr":{"Address":"ada@example.com"}}""");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        var customer = body["Customer"]!;
        Assert.Equal("1", (string?)customer["Id"]);
        Assert.Equal("0", (string?)customer["SyncToken"]);
        Assert.Equal("2026-11-23T12:00:00+00:00", (string?)customer["MetaData"]!["CreateTime"]);
        Assert.True((bool)customer["Active"]!);
        Assert.NotNull(body["time"]);
    }

    [Fact]
    public async Task Create_InvoiceWithLines_ComputesAmountsTotalAndSubtotalLine()
    {
        // Arrange
        var customerId = await CreateCustomerAsync("Grace");

        // Act
        var (status, body) = await PostAsync("invoice", """{"CustomerRef":{"value":"CUSTOMER"},"DocNumber":"1001","Line":[{"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"3"},"Qty":2,"UnitPrice":12.5}},{"DetailType":"SalesItemLineDetail","Amount":9.95,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""".Replace("CUSTOMER", customerId, StringComparison.Ordinal));

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        var invoice = body["Invoice"]!;
        Assert.Equal(34.95m, (decimal)invoice["TotalAmt"]!);
        var lines = invoice["Line"]!.AsArray();
        Assert.Equal(3, lines.Count);
        Assert.Equal(25m, (decimal)lines[0]!["Amount"]!);
        Assert.Equal("SubTotalLineDetail", (string?)lines[2]!["DetailType"]);
        Assert.Equal("2026-11-23", (string?)invoice["TxnDate"]);
    }

    [Fact]
    public async Task Update_SparseThenStale_IncrementsSyncTokenAndAnswers5010()
    {
        // Arrange
        var id = await CreateCustomerAsync("Linus");

        // Act
        var (okStatus, ok) = await PostAsync("customer", $$"""{"Id":"{{id}}","SyncToken":"0","sparse":true,"GivenName":"Linus"}""");
        var (staleStatus, stale) = await PostAsync("customer", $$"""{"Id":"{{id}}","SyncToken":"0","sparse":true,"FamilyName":"T"}""");

        // Assert
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal("1", (string?)ok["Customer"]!["SyncToken"]);
        Assert.Equal("Linus", (string?)ok["Customer"]!["DisplayName"]);
        Assert.Equal(HttpStatusCode.BadRequest, staleStatus);
        Assert.Equal("5010", (string?)stale["Fault"]!["Error"]![0]!["code"]);
        Assert.Equal("Stale Object Error", (string?)stale["Fault"]!["Error"]![0]!["Message"]);
        Assert.Equal("ValidationFault", (string?)stale["Fault"]!["type"]);
        Assert.Null(_sut.GetEntity(Realm, "Customer", id)!["FamilyName"]);
    }

    [Fact]
    public async Task Update_Full_ReplacesOmittedFields()
    {
        // Arrange
        var id = await CreateCustomerAsync("Barbara", ""","GivenName":"Barbara","CompanyName":"Liskov Inc" """);

        // Act
        var (status, body) = await PostAsync("customer", $$"""{"Id":"{{id}}","SyncToken":"0","DisplayName":"Barbara"}""");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["Customer"]!["GivenName"]);
        Assert.Equal("1", (string?)body["Customer"]!["SyncToken"]);
        Assert.NotNull(body["Customer"]!["MetaData"]!["CreateTime"]);
    }

    [Fact]
    public async Task TouchEntity_UserEdit_MakesTheReadSyncTokenStale()
    {
        // Arrange
        var id = await CreateCustomerAsync("Ken");

        // Act
        var token = _sut.TouchEntity(Realm, "Customer", id, c => c["Notes"] = "called");
        var (status, body) = await PostAsync("customer", $$"""{"Id":"{{id}}","SyncToken":"0","sparse":true,"GivenName":"Ken"}""");

        // Assert
        Assert.Equal("1", token);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("5010", (string?)body["Fault"]!["Error"]![0]!["code"]);
    }

    [Fact]
    public async Task Create_SameRequestIdTwice_AnswersTheFirstResponseAndCreatesOnce()
    {
        // Act
        var (_, first) = await PostAsync("customer?requestid=r-1", """{"DisplayName":"Dennis"}""");
        var (_, second) = await PostAsync("customer?requestid=r-1", """{"DisplayName":"Dennis"}""");

        // Assert
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal(1, _sut.Count(Realm, "Customer"));
    }

    [Fact]
    public async Task Create_DuplicateDisplayNameOrBadReference_Answers6240Or2500()
    {
        // Arrange
        await CreateCustomerAsync("Edsger");

        // Act
        var (dupStatus, duplicate) = await PostAsync("customer", """{"DisplayName":"Edsger"}""");
        var (vendorStatus, vendorDuplicate) = await PostAsync("vendor", """{"DisplayName":"Edsger"}""");
        var (refStatus, badRef) = await PostAsync("invoice", """{"CustomerRef":{"value":"999"},"Line":[]}""");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, dupStatus);
        Assert.Equal("6240", (string?)duplicate["Fault"]!["Error"]![0]!["code"]);
        Assert.Equal(HttpStatusCode.BadRequest, vendorStatus);
        Assert.Equal("6240", (string?)vendorDuplicate["Fault"]!["Error"]![0]!["code"]);
        Assert.Equal(HttpStatusCode.BadRequest, refStatus);
        Assert.Equal("2500", (string?)badRef["Fault"]!["Error"]![0]!["code"]);
        Assert.Equal("CustomerRef", (string?)badRef["Fault"]!["Error"]![0]!["element"]);
        Assert.Equal(1, _sut.Count(Realm, "Customer"));
        Assert.Equal(0, _sut.Count(Realm, "Invoice"));
    }

    [Fact]
    public async Task Read_UnknownId_Answers610AsJsonOrXml()
    {
        // Act
        var (jsonStatus, json) = await GetAsync("invoice/77");
        _sut.FaultsAsXml = true;
        using var xmlResponse = await SendAsync(HttpMethod.Get, "invoice/77", null, Token);
        var xml = XDocument.Parse(await xmlResponse.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, jsonStatus);
        Assert.Equal("610", (string?)json["Fault"]!["Error"]![0]!["code"]);
        Assert.Equal("application/xml", xmlResponse.Content.Headers.ContentType?.MediaType);
        XNamespace ns = "http://schema.intuit.com/finance/v3";
        Assert.Equal("610", xml.Root!.Element(ns + "Fault")!.Element(ns + "Error")!.Attribute("code")!.Value);
        Assert.Equal("ValidationFault", xml.Root.Element(ns + "Fault")!.Attribute("type")!.Value);
    }

    [Fact]
    public async Task Query_WherePagingAndCount_AnswersQueryResponseShape()
    {
        // Act
        var (_, page) = await QueryAsync("select * from Item where Type = 'NonInventory' STARTPOSITION 2 MAXRESULTS 3");
        var (_, empty) = await QueryAsync("select * from Item where Sku = 'NOPE'");
        var (_, count) = await QueryAsync("SELECT COUNT(*) FROM Item WHERE Type = 'NonInventory' AND Active = true");
        var (_, escaped) = await QueryAsync(@"select * from Item where Name = 'Paper Filters (100)' and Sku IN ('FILTER-100', 'x\'y')");
        var (badStatus, bad) = await QueryAsync("select * from Invoice where TotalAmt > '5'");

        // Assert
        var items = page["QueryResponse"]!["Item"]!.AsArray();
        Assert.Equal(["4", "5", "6"], items.Select(i => (string)i!["Id"]!));
        Assert.Equal(2, (int)page["QueryResponse"]!["startPosition"]!);
        Assert.Equal(3, (int)page["QueryResponse"]!["maxResults"]!);
        Assert.Empty(empty["QueryResponse"]!.AsObject());
        Assert.Equal(6, (int)count["QueryResponse"]!["totalCount"]!);
        Assert.Equal("8", (string?)escaped["QueryResponse"]!["Item"]![0]!["Id"]);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("4000", (string?)bad["Fault"]!["Error"]![0]!["code"]);
    }

    [Fact]
    public async Task AnyRequest_WithoutValidBearer_Answers401AuthenticationFault()
    {
        // Act
        using var response = await SendAsync(HttpMethod.Get, "invoice/1", null, "forged");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AuthenticationFault", (string?)body["Fault"]!["type"]);
        Assert.False(_sut.GetRequests().Single().HadBearerToken && _sut.GetRequests().Single().StatusCode == 200);
    }

    [Fact]
    public async Task Requests_OverPerMinuteBudget_Answer429UntilTheWindowMoves()
    {
        // Arrange
        _sut.RequestsPerMinute = 5;
        _sut.RequestsPerSecond = 100;

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await GetAsync("item/1")).Status);
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        _time.Advance(TimeSpan.FromSeconds(30));
        var (afterWindow, _) = await GetAsync("item/1");

        // Assert
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, afterWindow);
        Assert.Equal(2, _sut.ThrottledCount);
    }

    [Fact]
    public async Task Requests_MoreThanTenConcurrent_SomeAnswer429()
    {
        // Arrange
        _sut.RequestsPerSecond = 1000;
        _sut.ResponseLatency = TimeSpan.FromMilliseconds(300);

        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => GetAsync("item/1")));

        // Assert
        Assert.Equal(10, _sut.MaxConcurrentObserved);
        Assert.Contains(responses, r => r.Status == HttpStatusCode.TooManyRequests);
        Assert.Equal(20, responses.Length);
    }

    [Fact]
    public async Task FailNextRequestAndDropNextResponse_AffectOnlyTheNextRequest()
    {
        // Arrange
        _sut.FailNextRequest(new QboSimulatorFault(200, "SystemFault", "10000", "An application error has occurred"));
        _sut.DropNextResponse();

        // Act
        var (faultStatus, fault) = await GetAsync("item/1");
        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync("customer?requestid=lost-1", """{"DisplayName":"Lost"}"""));
        var (replayStatus, replay) = await PostAsync("customer?requestid=lost-1", """{"DisplayName":"Lost"}""");

        // Assert
        Assert.Equal(HttpStatusCode.OK, faultStatus);
        Assert.Equal("SystemFault", (string?)fault["Fault"]!["type"]);
        Assert.Equal(HttpStatusCode.OK, replayStatus);
        Assert.Equal("Lost", (string?)replay["Customer"]!["DisplayName"]);
        Assert.Equal(1, _sut.Count(Realm, "Customer"));
        Assert.Equal([200, 0, 200], _sut.GetRequests().Select(r => r.StatusCode));
    }

    [Fact]
    public void SeedDemoCatalog_VendorFormat_StoresAccountsAndItems()
    {
        // Assert (seeded in InitializeAsync)
        Assert.Equal(7, _sut.Count(Realm, "Account"));
        Assert.Equal(9, _sut.Count(Realm, "Item"));
        Assert.Equal("MUG-12-WHT", (string?)_sut.GetEntity(Realm, "Item", "3")!["Sku"]);
        Assert.Equal("0", (string?)_sut.GetEntity(Realm, "Item", "3")!["SyncToken"]);
    }

    [Theory]
    [InlineData(QboSimulatorWebhookFormat.Legacy, "legacy-eventNotifications.docs-sample.json", "application/json")]
    [InlineData(QboSimulatorWebhookFormat.CloudEvents, "cloudevents.dotnet-sdk-test.json", "application/cloudevents+json")]
    public async Task SendWebhooksAsync_ChangesThroughApiAndSeeding_HaveTheContractSamplesShapeAndVerifyingSignatures(QboSimulatorWebhookFormat format, string sample, string contentType)
    {
        // Arrange: a vendor through the API, one in another realm through seeding; the demo catalog's changes are dropped.
        await using var receiver = await WebhookReceiver.StartAsync();
        _sut.ConfigureWebhooks(receiver.Url, "verifier-token-1");
        var (_, vendor) = await PostAsync("vendor", """{"DisplayName":"Acme Supply"}""");
        _sut.Seed("9130000000001", """{"Vendor":{"DisplayName":"Globex"}}""");
        var samplePaths = JsonPaths(JsonNode.Parse(File.ReadAllText(ContractFiles.PathOf("quickbooks-online/webhooks/" + sample)))!);

        // Act
        var delivery = Assert.Single(await _sut.SendWebhooksAsync(new QboSimulatorWebhookOptions { Format = format, Drop = c => c.EntityName != "Vendor" }));

        // Assert
        var (body, headers) = Assert.Single(receiver.Received);
        Assert.Equal(200, delivery.StatusCode);
        Assert.StartsWith(contentType, headers["content-type"], StringComparison.Ordinal);
        Assert.True(QboWebhookSignature.IsValid("verifier-token-1", headers["intuit-signature"], body));
        Assert.Subset(JsonPaths(JsonNode.Parse(body)!), samplePaths);
        var changes = QboWebhookPayload.Parse(body);
        Assert.Equal([(Realm, "Vendor", (string)vendor["Vendor"]!["Id"]!, "Create"), ("9130000000001", "Vendor", "1", "Create")], changes.Select(c => (c.RealmId, c.EntityName, c.EntityId, c.Operation)));
        Assert.Empty(_sut.GetPendingWebhookChanges());
    }

    [Fact]
    public async Task SendWebhooksAsync_ForgedOmittedOneRealmPerDeliveryAndRedelivery_AreSentAsAsked()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        _sut.ConfigureWebhooks(receiver.Url, "verifier-token-1");
        _sut.Seed("9130000000001", """{"Vendor":{"DisplayName":"Globex"}}""");

        // Act
        var forged = await _sut.SendWebhooksAsync(new QboSimulatorWebhookOptions { Format = QboSimulatorWebhookFormat.CloudEvents, Signature = QboSimulatorWebhookSignature.Forged, OneRealmPerDelivery = true });
        _sut.TouchEntity("9130000000001", "Vendor", "1");
        var omitted = Assert.Single(await _sut.SendWebhooksAsync(new QboSimulatorWebhookOptions { Signature = QboSimulatorWebhookSignature.Omitted }));
        var again = await _sut.RedeliverAsync(forged[0]);

        // Assert
        Assert.Equal(2, forged.Count);
        Assert.Equal([Realm, "9130000000001"], forged.Select(d => d.Changes.Select(c => c.RealmId).Distinct().Single()));
        var received = receiver.Received;
        Assert.Equal(4, received.Count);
        Assert.False(QboWebhookSignature.IsValid("verifier-token-1", received[0].Headers["intuit-signature"], received[0].Body));
        Assert.False(received[2].Headers.ContainsKey("intuit-signature"));
        Assert.Equal("Update", Assert.Single(omitted.Changes).Operation);
        Assert.Equal(received[0].Body, received[3].Body);
        Assert.Equal(forged[0].SignatureHeader, again.SignatureHeader);
    }

    [Fact]
    public async Task Cdc_AfterCreateUpdateAndDelete_ReturnsChangedAndDeletedEntitiesInTheCdcShape()
    {
        // Arrange
        var (_, created) = await PostAsync("vendor", """{"DisplayName":"Acme Supply"}""");
        var id = (string)created["Vendor"]!["Id"]!;
        var (_, other) = await PostAsync("vendor", """{"DisplayName":"Initech"}""");
        var (deleteStatus, deleted) = await PostAsync("vendor?operation=delete", $$"""{"Id":"{{id}}","SyncToken":"0"}""");
        var since = Uri.EscapeDataString(_time.GetUtcNow().AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

        // Act
        var (status, cdc) = await GetAsync($"cdc?entities=Vendor,Bill&changedSince={since}");
        var (tooOldStatus, _) = await GetAsync("cdc?entities=Vendor&changedSince=" + Uri.EscapeDataString(_time.GetUtcNow().AddDays(-31).ToString("o", CultureInfo.InvariantCulture)));

        // Assert
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        Assert.Equal("Deleted", (string?)deleted["Vendor"]!["status"]);
        Assert.Equal(HttpStatusCode.OK, status);
        var queryResponses = cdc["CDCResponse"]!.AsArray().Single()!["QueryResponse"]!.AsArray();
        Assert.Equal(2, queryResponses.Count);
        var vendors = queryResponses[0]!["Vendor"]!.AsArray();
        Assert.Equal(new[] { (string)other["Vendor"]!["Id"]!, id }.Order(StringComparer.Ordinal), vendors.Select(v => (string)v!["Id"]!).Order(StringComparer.Ordinal));
        Assert.Equal("Deleted", (string?)vendors.Single(v => (string?)v!["Id"] == id)!["status"]);
        Assert.Equal(2, (int)queryResponses[0]!["maxResults"]!);
        Assert.Empty(queryResponses[1]!.AsObject());
        Assert.NotNull(cdc["time"]);
        Assert.Equal(HttpStatusCode.BadRequest, tooOldStatus);
        Assert.Equal(["Create", "Create", "Delete"], _sut.GetChanges(Realm).Where(c => c.EntityName == "Vendor").Select(c => c.Operation));
    }

    private static HashSet<string> JsonPaths(JsonNode node, string prefix = "$")
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    paths.Add(prefix + "." + name);
                    if (value is not null && name != "data")
                    {
                        paths.UnionWith(JsonPaths(value, prefix + "." + name));
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    paths.UnionWith(JsonPaths(item, prefix + "[]"));
                }

                break;
        }

        return paths;
    }

    private async Task<string> CreateCustomerAsync(string name, string extra = "")
    {
        var (status, body) = await PostAsync("customer", $$"""{"DisplayName":"{{name}}"{{extra}}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        return (string)body["Customer"]!["Id"]!;
    }

    private Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string path, string json) => ReadAsync(SendAsync(HttpMethod.Post, path, json, Token));

    private Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(string path) => ReadAsync(SendAsync(HttpMethod.Get, path, null, Token));

    private Task<(HttpStatusCode Status, JsonNode Body)> QueryAsync(string statement) => GetAsync("query?query=" + Uri.EscapeDataString(statement));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, string token)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var request = new HttpRequestMessage(method, new Uri(_sut.BaseAddress, $"v3/company/{Realm}/{path}{separator}minorversion=75"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
