using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Auth;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Sandbox.OAuth;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Tests.Auth;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Connectors.QuickBooksOnline;

/// <summary>
/// The real QBO client (its DI registration and handler pipeline) against the QBO simulator over loopback; the 401 test
/// also uses the OAuth simulator and the real token manager with token rows in Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QuickBooksOnlineClientTests(AzuriteFixture azurite)
{
    private const string Connection = QboClientHarness.ConnectionId;
    private const string Realm = QboClientHarness.RealmId;

    [Fact]
    public async Task CreateInvoiceAsync_ResponseLostThenRetried_CreatesOneInvoice()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        var (customerId, itemId) = harness.SeedCustomerAndItem();
        harness.Simulator.DropNextResponse();

        // Act
        var created = await harness.Client.CreateInvoiceAsync(Connection, QboClientHarness.NewInvoice(customerId, itemId, "1001"), "ss-1001-invoice");

        // Assert
        var invoice = Assert.Single(harness.Simulator.GetEntities(Realm, "Invoice"));
        Assert.Equal((string?)invoice["Id"], created.Id);
        Assert.Equal("0", created.SyncToken);
        var posts = harness.Simulator.GetRequests().Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal("ss-1001-invoice", p.RequestId));
        Assert.Equal(0, posts[0].StatusCode);
        Assert.Equal(200, posts[1].StatusCode);
    }

    [Fact]
    public async Task CreateInvoiceAsync_SameRequestIdTwice_ReturnsTheOriginalInvoice()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        var (customerId, itemId) = harness.SeedCustomerAndItem();
        var invoice = QboClientHarness.NewInvoice(customerId, itemId, "1002");

        // Act
        var first = await harness.Client.CreateInvoiceAsync(Connection, invoice, "ss-1002-invoice");
        var replayed = await harness.Client.CreateInvoiceAsync(Connection, invoice, "ss-1002-invoice");

        // Assert
        Assert.Equal(first.Id, replayed.Id);
        Assert.Equal(1, harness.Simulator.Count(Realm, "Invoice"));
        Assert.Equal(25m, first.TotalAmt);
    }

    [Fact]
    public async Task CreateInvoiceAsync_RequestIdLongerThan50_ThrowsWithoutCalling()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();

        // Act
        var act = () => harness.Client.CreateInvoiceAsync(Connection, QboClientHarness.NewInvoice("1", "1", "1"), new string('r', 51));

        // Assert
        await Assert.ThrowsAsync<ArgumentException>(act);
        Assert.Empty(harness.Simulator.GetRequests());
    }

    [Fact]
    public async Task FindInvoiceByDocNumberAsync_ExistingAndMissing_ReturnsInvoiceOrNull()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        var (customerId, itemId) = harness.SeedCustomerAndItem();
        var created = await harness.Client.CreateInvoiceAsync(Connection, QboClientHarness.NewInvoice(customerId, itemId, "1003"), "ss-1003-invoice");

        // Act
        var found = await harness.Client.FindInvoiceByDocNumberAsync(Connection, "1003");
        var missing = await harness.Client.FindInvoiceByDocNumberAsync(Connection, "9999");

        // Assert
        Assert.NotNull(found);
        Assert.Equal(created.Id, found.Id);
        Assert.Equal("1003", found.DocNumber);
        Assert.Equal(new DateOnly(2026, 11, 23), found.TxnDate);
        Assert.Null(missing);
        Assert.Contains(harness.Simulator.GetRequests(), r => r.Statement == "select * from Invoice where DocNumber = '1003' STARTPOSITION 1 MAXRESULTS 1000");
    }

    [Fact]
    public async Task UpdateInvoiceAsync_EditedBetweenReadAndWrite_RereadsAndSucceeds()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        var (customerId, itemId) = harness.SeedCustomerAndItem();
        var created = await harness.Client.CreateInvoiceAsync(Connection, QboClientHarness.NewInvoice(customerId, itemId, "1004"), "ss-1004-invoice");
        var seenTokens = new List<string?>();

        // Act
        var updated = await harness.Client.UpdateInvoiceAsync(Connection, created.Id!, current =>
        {
            seenTokens.Add(current.SyncToken);
            if (seenTokens.Count == 1)
            {
                // A QuickBooks user saves the invoice after ml-connector read it.
                harness.Simulator.TouchEntity(Realm, "Invoice", created.Id!, e => e["PrivateNote"] = "edited by a user");
            }

            return new QboInvoiceUpdate { TrackingNum = "1Z999AA10123456784", ShipDate = new DateOnly(2026, 11, 24), CustomerMemo = new QboMemo("Shipped via UPS") };
        });

        // Assert
        Assert.Equal(["0", "1"], seenTokens);
        Assert.Equal("2", updated.SyncToken);
        Assert.Equal("1Z999AA10123456784", updated.TrackingNum);
        var stored = harness.Simulator.GetEntity(Realm, "Invoice", created.Id!)!;
        Assert.Equal("edited by a user", (string?)stored["PrivateNote"]);
        Assert.Equal("Shipped via UPS", (string?)stored["CustomerMemo"]!["value"]);
        Assert.Equal(2, harness.Simulator.GetRequests().Count(r => r.Method == "POST" && r.Body!.Contains("\"sparse\":true", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UpdateInvoiceAsync_StaleTwice_ThrowsConflictAndAppliesNothing()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        var (customerId, itemId) = harness.SeedCustomerAndItem();
        var created = await harness.Client.CreateInvoiceAsync(Connection, QboClientHarness.NewInvoice(customerId, itemId, "1005"), "ss-1005-invoice");
        var builds = 0;

        // Act
        var error = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.UpdateInvoiceAsync(Connection, created.Id!, _ =>
        {
            builds++;
            harness.Simulator.TouchEntity(Realm, "Invoice", created.Id!);
            return new QboInvoiceUpdate { TrackingNum = "1Z-LOST" };
        }));

        // Assert
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("5010", error.VendorErrorCode);
        Assert.Contains($"Invoice {created.Id}", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, builds);
        Assert.Null((string?)harness.Simulator.GetEntity(Realm, "Invoice", created.Id!)!["TrackingNum"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UpdateInvoiceAsync_UnknownInvoice_ThrowsNotFound(bool faultsAsXml)
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        harness.Simulator.FaultsAsXml = faultsAsXml;

        // Act
        var error = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.UpdateInvoiceAsync(Connection, "404", _ => new QboInvoiceUpdate { TrackingNum = "x" }));

        // Assert
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Null(await harness.Client.GetInvoiceAsync(Connection, "404"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateCustomerAsync_DuplicateDisplayName_ThrowsValidationFromJsonOrXmlFault(bool faultsAsXml)
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        harness.SeedCustomerAndItem();
        harness.Simulator.FaultsAsXml = faultsAsXml;

        // Act
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() =>
            harness.Client.CreateCustomerAsync(Connection, new QboCustomer { DisplayName = "Ada Lovelace" }, "ss-c-ada"));

        // Assert
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("6240", error.VendorErrorCode);
        Assert.Equal("DisplayName", error.Field);
        Assert.Contains("Duplicate Name Exists Error", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Simulator.Count(Realm, "Customer"));
    }

    [Fact]
    public async Task CreateInvoiceAsync_FaultInside200_ThrowsValidation()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        harness.Simulator.FailNextRequest(new QboSimulatorFault(200, "ValidationFault", "6000", "A business validation error has occurred while processing your request", "Business Validation Error: the period is closed."));

        // Act
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() =>
            harness.Client.CreateInvoiceAsync(Connection, QboClientHarness.NewInvoice("1", "1", "1006"), "ss-1006-invoice"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("6000", error.VendorErrorCode);
        Assert.Contains("period is closed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetInvoiceAsync_SystemFaultInside200_ThrowsTransient(bool asXml)
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        harness.Simulator.FailNextRequest(new QboSimulatorFault(200, "SystemFault", "10000", "An application error has occurred while processing your request") { AsXml = asXml });

        // Act
        var error = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.GetInvoiceAsync(Connection, "1"));

        // Assert
        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal("10000", error.VendorErrorCode);
    }

    [Fact]
    public async Task ListItemsAsync_ThreePages_ReadsEveryPageUntilAShortOne()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync(settings: new Dictionary<string, string?> { ["Connectors:QuickBooksOnline:QueryPageSize"] = "4" });
        harness.Simulator.SeedDemoCatalog(Realm);

        // Act
        var items = await harness.Client.ListItemsAsync(Connection);

        // Assert
        Assert.Equal(9, items.Count);
        Assert.Equal(9, items.Select(i => i.Id).Distinct().Count());
        Assert.Contains(items, i => i is { Sku: "MUG-12-WHT", Name: "Ceramic Mug 12oz", Type: "NonInventory" } && i.IncomeAccountRef!.Value == "1");
        var statements = harness.Simulator.GetRequests().Select(r => r.Statement).ToList();
        Assert.Equal(
            [
                "select * from Item STARTPOSITION 1 MAXRESULTS 4",
                "select * from Item STARTPOSITION 5 MAXRESULTS 4",
                "select * from Item STARTPOSITION 9 MAXRESULTS 4",
            ],
            statements);
    }

    [Fact]
    public async Task ListAccountsAsync_ExactMultipleOfPageSize_StopsAtTheEmptyPage()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync(settings: new Dictionary<string, string?> { ["Connectors:QuickBooksOnline:QueryPageSize"] = "3" });
        harness.Simulator.Seed(Realm, """
            {"QueryResponse":{"Account":[
              {"Id":"1","Name":"A","AccountType":"Income"},{"Id":"2","Name":"B","AccountType":"Income"},{"Id":"3","Name":"C","AccountType":"Expense"},
              {"Id":"4","Name":"D","AccountType":"Expense"},{"Id":"5","Name":"E","AccountType":"Bank"},{"Id":"6","Name":"F","AccountType":"Bank","Active":false}]}}
            """);

        // Act
        var accounts = await harness.Client.ListAccountsAsync(Connection);

        // Assert
        Assert.Equal(["A", "B", "C", "D", "E", "F"], accounts.Select(a => a.Name));
        Assert.False(accounts[5].Active);
        Assert.Equal(3, harness.Simulator.GetRequests().Count);
    }

    [Fact]
    public async Task FindCustomerByDisplayNameAsync_ApostropheAndBackslash_EscapesTheLiteral()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        harness.Simulator.Seed(Realm, """{"Customer":{"Id":"5","DisplayName":"O'Brien \\ Sons"}}""");

        // Act
        var found = await harness.Client.FindCustomerByDisplayNameAsync(Connection, @"O'Brien \ Sons");
        var injected = await harness.Client.FindCustomerByDisplayNameAsync(Connection, "x' or DisplayName = 'O");

        // Assert
        Assert.Equal("5", found?.Id);
        Assert.Null(injected);
        var raw = harness.Simulator.GetRequests()[0].Query;
        var statement = QueryHelpers.ParseQuery(raw)["query"].ToString();
        Assert.Equal(@"select * from Customer where DisplayName = 'O\'Brien \\ Sons' STARTPOSITION 1 MAXRESULTS 1000", statement);
        Assert.DoesNotContain("'", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindCustomersByEmailAsync_ActiveAndInactive_ReturnsOnlyActiveMatches()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        harness.Simulator.Seed(Realm, """
            {"QueryResponse":{"Customer":[
              {"Id":"1","DisplayName":"Ada","PrimaryEmailAddr":{"Address":"ada@example.com"}},
              {"Id":"2","DisplayName":"Ada (old)","PrimaryEmailAddr":{"Address":"ada@example.com"},"Active":false},
              {"Id":"3","DisplayName":"Grace","PrimaryEmailAddr":{"Address":"grace@example.com"}}]}}
            """);

        // Act
        var found = await harness.Client.FindCustomersByEmailAsync(Connection, "ada@example.com");

        // Assert
        var customer = Assert.Single(found);
        Assert.Equal("1", customer.Id);
        Assert.Equal("ada@example.com", customer.PrimaryEmailAddr?.Address);
    }

    [Fact]
    public async Task EveryRequest_CarriesMinorVersion75JsonAcceptBearerAndRealm()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        var (customerId, itemId) = harness.SeedCustomerAndItem();

        // Act
        await harness.Client.FindCustomersByEmailAsync(Connection, "ada@example.com");
        var customer = await harness.Client.CreateCustomerAsync(Connection, new QboCustomer { DisplayName = "Grace Hopper", PrimaryEmailAddr = new QboEmailAddress("grace@example.com") }, "ss-c-grace");
        var invoice = await harness.Client.CreateInvoiceAsync(Connection, QboClientHarness.NewInvoice(customer.Id!, itemId, "1007"), "ss-1007-invoice");
        await harness.Client.GetInvoiceAsync(Connection, invoice.Id!);
        await harness.Client.UpdateInvoiceAsync(Connection, invoice.Id!, _ => new QboInvoiceUpdate { TrackingNum = "1Z1" });
        await harness.Client.ListAccountsAsync(Connection);

        // Assert
        var requests = harness.Simulator.GetRequests();
        Assert.Equal(7, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("75", r.MinorVersion);
            Assert.Equal("application/json", r.Accept);
            Assert.True(r.HadBearerToken);
            Assert.Equal(Realm, r.RealmId);
            Assert.Equal(200, r.StatusCode);
        });
        Assert.NotEqual(customerId, customer.Id);
    }

    [Fact]
    public async Task SendAsync_On401_RenewsTheTokenOnceAndRetries()
    {
        // Arrange: real token manager, OAuth simulator, token rows in Azurite; QBO accepts only tokens the OAuth server issued
        // and that were not revoked.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        await using var oauth = await OAuthServerSimulator.StartAsync(time);
        oauth.RegisterClient("qbo-client", "qbo-client-secret-value");
        var secrets = new RecordingSecretStore();
        secrets.Seed("qbo-client-secret", "qbo-client-secret-value");
        using var http = new LoopbackHttpClientFactory();
        var options = new OAuthOptions();
        options.Providers["qbo"] = new OAuthProviderOptions
        {
            TokenEndpoint = oauth.TokenEndpoint,
            AuthorizeEndpoint = oauth.AuthorizeEndpoint,
            RedirectUri = new Uri("https://connector.example.test/oauth/callback"),
            ClientId = "qbo-client",
            ClientSecretName = "qbo-client-secret",
            Scopes = { "com.intuit.quickbooks.accounting" },
        };
        var tokens = new OAuthTokenManager(azurite.NewTables(), secrets, new RecordingAuditTrail(), http, Options.Create(options), time, NullLogger<OAuthTokenManager>.Instance);
        var code = oauth.IssueAuthorizationCode("qbo-client", "https://connector.example.test/oauth/callback", Realm);
        var begin = await tokens.BeginAuthorizationAsync(Connection, "qbo");
        await tokens.ExchangeCodeAsync(Connection, "qbo", code, begin.State, Realm);
        var revoked = new HashSet<string>(StringComparer.Ordinal) { (await tokens.GetAccessTokenAsync(Connection, "qbo"))! };
        await using var harness = await QboClientHarness.StartAsync(time, tokens, t => oauth.IsAccessTokenValid(t) && !revoked.Contains(t));
        harness.SeedCustomerAndItem();

        // Act
        var found = await harness.Client.FindCustomerByDisplayNameAsync(Connection, "Ada Lovelace");

        // Assert
        Assert.Equal("42", found?.Id);
        Assert.Equal(1, oauth.CountRequests("qbo-client", "refresh_token"));
        Assert.Equal([401, 200], harness.Simulator.GetRequests().Select(r => r.StatusCode));
        var renewed = await tokens.GetAccessTokenAsync(Connection, "qbo");
        Assert.DoesNotContain(renewed, revoked);
    }

    [Fact]
    public async Task SendAsync_401AfterRenewal_ThrowsNeedsReconsentAfterExactlyTwoAttempts()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync(tokenValidator: _ => false);

        // Act
        var error = await Assert.ThrowsAsync<ConnectorAuthException>(() => harness.Client.GetInvoiceAsync(Connection, "1"));

        // Assert
        Assert.Equal(ErrorKind.NeedsReconsent, error.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        var requests = harness.Simulator.GetRequests();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.True(r.HadBearerToken));
        Assert.DoesNotContain(QboClientHarness.AccessToken, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(QboClientHarness.RenewedAccessToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateGovernor_600CallsOnOneRealm_StaysUnderEveryLimitWithZero429s()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        harness.SeedCustomerAndItem();
        harness.Simulator.Seed(Realm, """{"Invoice":{"Id":"1","DocNumber":"1000","CustomerRef":{"value":"42"},"Line":[]}}""");
        var client = harness.Client;

        // Act: 600 reads at once; fake time moves on only while every call is waiting for budget.
        var calls = Enumerable.Range(0, 600).Select(_ => client.GetInvoiceAsync(Connection, "1")).ToList();
        var all = Task.WhenAll(calls);
        var advances = 0;
        while (!all.IsCompleted && advances < 400)
        {
            await WaitForQuiescenceAsync(harness.Counter, harness.Simulator, all);
            if (!all.IsCompleted)
            {
                harness.Time.Advance(TimeSpan.FromSeconds(1));
                advances++;
            }
        }

        await all;

        // Assert
        var requests = harness.Simulator.GetRequests();
        Assert.True(
            requests.Count == 600 && harness.Simulator.ThrottledCount == 0,
            $"{requests.Count} requests, {harness.Simulator.ThrottledCount} throttled, statuses {string.Join(",", requests.GroupBy(r => r.StatusCode).Select(g => $"{g.Key}x{g.Count()}"))}");
        Assert.All(requests, r => Assert.Equal(200, r.StatusCode));
        Assert.All(calls, c => Assert.Equal("1000", c.Result?.DocNumber));
        Assert.True(harness.Simulator.MaxConcurrentObserved <= 10);
        var times = requests.Select(r => r.ReceivedAt).Order().ToList();
        for (var i = 0; i + 500 < times.Count; i++)
        {
            Assert.True(times[i + 500] - times[i] >= TimeSpan.FromMinutes(1), $"501 requests within a minute starting at {times[i]:O}");
        }

        Assert.True(times[^1] - times[0] >= TimeSpan.FromMinutes(1), "600 calls cannot fit in one minute at 500/min");
    }

    /// <summary>
    /// Waits (polling, no timing assertion) until every call that got rate budget has been answered and no new call has
    /// started for a while, so fake time never moves while a granted request is still on its way to the simulator.
    /// </summary>
    internal static async Task WaitForQuiescenceAsync(InFlightCounter counter, QuickBooksOnlineSimulator simulator, Task all)
    {
        var stableRounds = 0;
        var lastStarted = -1;
        while (stableRounds < 5 && !all.IsCompleted)
        {
            await Task.Delay(20);
            var started = counter.Started;
            var quiet = counter.InFlight == 0 && started == lastStarted && simulator.GetRequests().Count == started;
            stableRounds = quiet ? stableRounds + 1 : 0;
            lastStarted = started;
        }
    }
}
