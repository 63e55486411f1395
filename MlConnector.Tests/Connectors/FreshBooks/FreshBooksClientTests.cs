using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;
using MlConnector.Sandbox.FreshBooks;
using MlConnector.Sandbox.OAuth;
using MlConnector.Tests.Auth;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;
using Moq;

namespace MlConnector.Tests.Connectors.FreshBooks;

/// <summary>
/// The real <see cref="FreshBooksClient"/> (registered by <c>AddFreshBooksConnector</c>: resilience, auth and governor
/// handlers) over loopback HTTP to the FreshBooks simulator, with tokens from the real token manager, the OAuth simulator
/// (single-use rotating refresh tokens) and token rows in Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FreshBooksClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ConnectionId = "acme-freshbooks";
    private const string ClientId = "fb-client";
    private const string ClientSecret = "fb-client-secret-value";
    private const string RedirectUri = "https://connector.example.test/api/oauth/freshbooks/callback";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero));
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "mlc-fb-keys-" + Guid.NewGuid().ToString("N"));
    private OAuthServerSimulator _oauth = null!;
    private FreshBooksSimulator _freshBooks = null!;
    private TableProviderHolder _storage = null!;

    public async Task InitializeAsync()
    {
        _oauth = await OAuthServerSimulator.StartAsync(_time);
        _oauth.AccessTokenLifetime = TimeSpan.FromHours(12);
        _oauth.RegisterClient(ClientId, ClientSecret);
        _freshBooks = await FreshBooksSimulator.StartAsync(_oauth.IsAccessTokenValid, _time);
        _storage = new TableProviderHolder(azurite.NewTables());
    }

    public async Task DisposeAsync()
    {
        await _freshBooks.DisposeAsync();
        await _oauth.DisposeAsync();
        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task GetIdentityAsync_ReturnsTheAccountAndBusinessToRecordOnTheConnection()
    {
        await using var host = await ConnectAsync();

        var identity = await host.Client.GetIdentityAsync(ConnectionId);

        var business = Assert.Single(identity.Businesses);
        Assert.Equal(_freshBooks.AccountId, business.AccountId);
        Assert.Equal(_freshBooks.BusinessId, business.BusinessId);
        Assert.Equal("owner", business.Role);
    }

    [Fact]
    public async Task GetInvoiceAndCustomer_MapMoneyCurrencyLinesAndTheShippingAddress()
    {
        await using var host = await ConnectAsync();
        var clientId = _freshBooks.AddClient("Maple Goods", "buyer@maple.example", "12 King St W", "Toronto", "ON", "M5H 1A1", "Canada", "CAD");
        var invoiceId = await _freshBooks.CreateInvoiceAsync(clientId, [("Bowls", 4m, 5m), ("Mugs", 6m, 4m)], "Ship please", "CAD");

        var invoice = await host.Client.GetInvoiceAsync(ConnectionId, invoiceId);
        var customer = await host.Client.GetCustomerAsync(ConnectionId, invoice.CustomerId);

        Assert.Equal("CAD", invoice.CurrencyCode);
        Assert.Equal(44m, invoice.Amount);
        Assert.Equal(["Bowls", "Mugs"], invoice.Lines.Select(l => l.Name));
        Assert.Equal(6m, invoice.Lines[1].Quantity);
        Assert.Equal(4m, invoice.Lines[1].UnitCost);
        Assert.Equal("Ship please", invoice.Notes);
        Assert.Equal("Maple Goods", customer.Organization);
        Assert.Equal("M5H 1A1", customer.ShippingAddress?.PostalCode);
        Assert.Equal("CAD", customer.CurrencyCode);
    }

    [Fact]
    public async Task UpdateInvoiceAsync_SendsTheWrappedBodyWithEveryLine()
    {
        await using var host = await ConnectAsync();
        var clientId = _freshBooks.AddClient("Maple Goods", "buyer@maple.example", "12 King St W", "Toronto", "ON", "M5H 1A1", "Canada");
        var invoiceId = await _freshBooks.CreateInvoiceAsync(clientId, [("Bowls", 1m, 10m)]);
        var invoice = await host.Client.GetInvoiceAsync(ConnectionId, invoiceId);

        var updated = await host.Client.UpdateInvoiceAsync(ConnectionId, invoiceId, new FreshBooksInvoiceUpdate
        {
            Notes = "UPS 1Z999AA10123456784",
            Lines = [.. invoice.Lines, new FreshBooksInvoiceLine(null, "Shipping (UPS Ground)", "1Z999AA10123456784", 1m, 12.34m, "USD")],
        });

        Assert.Equal("UPS 1Z999AA10123456784", updated.Notes);
        Assert.Equal(["Bowls", "Shipping (UPS Ground)"], updated.Lines.Select(l => l.Name));
        Assert.Equal(22.34m, updated.Amount);
        var put = Assert.Single(_freshBooks.Requests, r => r.Method == "PUT");
        var body = JsonNode.Parse(put.Body!)!;
        Assert.Equal("UPS 1Z999AA10123456784", body["invoice"]!["notes"]!.GetValue<string>());
        Assert.Equal(2, body["invoice"]!["lines"]!.AsArray().Count);
    }

    [Fact]
    public async Task ListInvoicesAsync_PagesByOneHundredFromTheUpdatedDay()
    {
        await using var host = await ConnectAsync();
        var clientId = _freshBooks.AddClient("Maple Goods", "buyer@maple.example", "12 King St W", "Toronto", "ON", "M5H 1A1", "Canada");
        for (var i = 0; i < 130; i++)
        {
            await _freshBooks.CreateInvoiceAsync(clientId, [("Bowls", 1m, 1m)]);
        }

        var first = await host.Client.ListInvoicesAsync(ConnectionId, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), 1);
        var second = await host.Client.ListInvoicesAsync(ConnectionId, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), 2);
        var tomorrow = await host.Client.ListInvoicesAsync(ConnectionId, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).AddDays(1), 1);

        Assert.Equal(100, first.Items.Count);
        Assert.True(first.HasMore);
        Assert.Equal(30, second.Items.Count);
        Assert.False(second.HasMore);
        Assert.Empty(tomorrow.Items);
        Assert.Contains(_freshBooks.Requests, r => r.Path.Contains("search%5Bupdated_min%5D=2026-12-06", StringComparison.Ordinal) || r.Path.Contains("search[updated_min]=2026-12-06", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownClientAndInvoice_AreNotFoundInBothErrorShapes()
    {
        await using var host = await ConnectAsync();

        var client = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.GetCustomerAsync(ConnectionId, 999999));
        var invoice = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.GetInvoiceAsync(ConnectionId, 999999));

        Assert.Equal(ErrorKind.NotFound, client.Kind);
        Assert.Equal("1012", client.VendorErrorCode);
        Assert.Equal(ErrorKind.NotFound, invoice.Kind);
        Assert.Equal("1012", invoice.VendorErrorCode);
    }

    [Fact]
    public async Task Callbacks_RegisterVerifyDeliverSignedAndDelete()
    {
        await using var host = await ConnectAsync();
        await using var receiver = await WebhookReceiver.StartAsync();

        var created = await host.Client.CreateCallbackAsync(ConnectionId, "invoice.create", receiver.Url);
        var verify = await WaitForAsync(receiver, 1);
        var verifyForm = FreshBooksWebhookSignature.ParseForm(Encoding.UTF8.GetString(verify[0].Body)).ToDictionary(p => p.Key, p => p.Value);
        var verified = await host.Client.VerifyCallbackAsync(ConnectionId, created.CallbackId, verifyForm["verifier"]);
        var clientId = _freshBooks.AddClient("Maple Goods", "buyer@maple.example", "12 King St W", "Toronto", "ON", "M5H 1A1", "Canada");
        var invoiceId = await _freshBooks.CreateInvoiceAsync(clientId, [("Bowls", 1m, 1m)]);
        var delivered = await WaitForAsync(receiver, 2);
        var listed = await host.Client.ListCallbacksAsync(ConnectionId);
        await host.Client.DeleteCallbackAsync(ConnectionId, created.CallbackId);
        await host.Client.DeleteCallbackAsync(ConnectionId, created.CallbackId);

        Assert.False(created.Verified);
        Assert.True(verified.Verified);
        Assert.Equal("callback.verify", verifyForm["name"]);
        var delivery = delivered[1];
        var form = Encoding.UTF8.GetString(delivery.Body);
        Assert.Contains($"object_id={invoiceId}", form, StringComparison.Ordinal);
        var signature = delivery.Headers.First(h => string.Equals(h.Key, FreshBooksWebhookSignature.HeaderName, StringComparison.OrdinalIgnoreCase)).Value;
        Assert.True(FreshBooksWebhookSignature.Verify(verifyForm["verifier"], form, signature));
        Assert.False(FreshBooksWebhookSignature.Verify("another-verifier", form, signature));
        Assert.Contains(listed, c => c.CallbackId == created.CallbackId && c.Verified && c.Event == "invoice.create");
        Assert.Empty(await host.Client.ListCallbacksAsync(ConnectionId));
    }

    [Fact]
    public async Task CreateCallbackAsync_UnknownEvent_IsAValidationErrorFromTheEventsService()
    {
        await using var host = await ConnectAsync();

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => host.Client.CreateCallbackAsync(ConnectionId, "invoice.exploded", new Uri("https://example.test/hook")));

        Assert.Equal("422", error.VendorErrorCode);
    }

    [Fact]
    public async Task RotatedRefreshToken_SurvivesARestart()
    {
        // First process: consent, then a refresh after the 12-hour access token expired (the refresh token rotates).
        await using (var first = await ConnectAsync())
        {
            await first.Client.GetIdentityAsync(ConnectionId);
            _time.Advance(TimeSpan.FromHours(13));
            await first.Client.GetIdentityAsync(ConnectionId);
        }

        Assert.Equal(1, _oauth.CountRequests(ClientId, "refresh_token"));

        // Second process: new token manager, cache and secret store over the same storage; the first refresh token is spent.
        _time.Advance(TimeSpan.FromHours(13));
        await using var second = await StartHostAsync();
        var identity = await second.Client.GetIdentityAsync(ConnectionId);

        Assert.Equal(_freshBooks.AccountId, identity.Businesses[0].AccountId);
        Assert.Equal(2, _oauth.CountRequests(ClientId, "refresh_token"));
    }

    private static async Task<IReadOnlyList<(byte[] Body, IReadOnlyDictionary<string, string> Headers)>> WaitForAsync(WebhookReceiver receiver, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (receiver.Received.Count < count)
        {
            await Task.Delay(20, timeout.Token);
        }

        return receiver.Received;
    }

    /// <summary>Starts a host and takes the merchant's consent (authorization code) for the connection.</summary>
    private async Task<Host> ConnectAsync()
    {
        var host = await StartHostAsync();
        var code = _oauth.IssueAuthorizationCode(ClientId, RedirectUri);
        var begin = await host.Tokens.BeginAuthorizationAsync(ConnectionId, FreshBooksAuthHandler.Provider);
        await host.Tokens.ExchangeCodeAsync(ConnectionId, FreshBooksAuthHandler.Provider, code, begin.State);
        return host;
    }

    /// <summary>One "process": its own token manager, secret store and HTTP stack over the shared storage.</summary>
    private async Task<Host> StartHostAsync()
    {
        var secrets = new LocalSecretStore(_storage.Tables, LocalSecretStore.CreateDataProtectionProvider(_keyDirectory), _keyDirectory, _time, NullLogger<LocalSecretStore>.Instance);
        await secrets.SetAsync("freshbooks-client-secret", ClientSecret);
        var connection = new Connection
        {
            Id = ConnectionId,
            Kind = "freshbooks-ups",
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["freshbooks"] = new Dictionary<string, string> { ["baseUrl"] = _freshBooks.BaseAddress.ToString(), ["accountId"] = _freshBooks.AccountId },
            },
        };
        var connections = new Mock<IConnectionStore>();
        connections.Setup(c => c.GetAsync(ConnectionId, It.IsAny<CancellationToken>())).ReturnsAsync(connection);

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Resilience:freshbooks:BaseDelay"] = "00:00:00",
            ["Resilience:freshbooks:UseJitter"] = "false",
        }).Build());
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging();
        services.AddSingleton(connections.Object);
        services.AddSingleton<ISecretStore>(secrets);
        services.AddSingleton(_storage.Tables);
        services.AddSingleton<IAuditTrail>(new RecordingAuditTrail());
        services.AddHttpClient(OAuthTokenManager.HttpClientName);
        services.Configure<OAuthOptions>(o => o.Providers[FreshBooksAuthHandler.Provider] = new OAuthProviderOptions
        {
            TokenEndpoint = _oauth.TokenEndpoint,
            AuthorizeEndpoint = _oauth.AuthorizeEndpoint,
            RedirectUri = new Uri(RedirectUri),
            ClientId = ClientId,
            ClientSecretName = "freshbooks-client-secret",
        });
        services.AddSingleton<IOAuthTokenManager, OAuthTokenManager>();
        services.AddFreshBooksConnector();
        var provider = services.BuildServiceProvider(validateScopes: true);
        return new Host(provider);
    }

    private sealed record TableProviderHolder(MlConnector.Core.Storage.TableProvider Tables);

    private sealed class Host(ServiceProvider services) : IAsyncDisposable
    {
        public IFreshBooksClient Client => services.GetRequiredService<IFreshBooksClient>();

        public IOAuthTokenManager Tokens => services.GetRequiredService<IOAuthTokenManager>();

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
