using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.Ups;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.FreshBooksUps;

/// <summary>
/// #14 item 4 on the real host, Azurite and the simulators: a FreshBooks client with its own UPS account number is served
/// under that number on every UPS call made for it — address validation, rate, ship, Track Alert subscription, tracking
/// poll and renewal — and a client without one under the connection's. UPS takes <c>x-merchant-id</c> on the token request
/// only (OAuthClientCredentials.yaml); the API calls carry the token it issued, so the simulator records, per API call, the
/// <c>x-merchant-id</c> its bearer token was requested with (<see cref="UpsSimulatorRequest.MerchantId"/>).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FreshBooksUpsShipperAccountTests(AzuriteFixture azurite)
{
    private static readonly (string Name, decimal Quantity, decimal UnitCost)[] FlaggedLines = [("Mugs", 6m, 4m), ("Shipping", 1m, 12m)];

    [Fact]
    public async Task ClientWithItsOwnUpsAccount_ShipsUnderItsShipperNumber_AndEveryUpsCallForItsPackagesIsMadeAsIt()
    {
        // Arrange: one client has its own UPS account number (operator route), the other uses the connection's.
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite);
        await sandbox.RegisterWebhooksAsync();
        var own = sandbox.FreshBooks.AddClient("Fir Wholesale", "buyer@fir.example", "31 Ash Ct", "Alpharetta", "GA", "30005", "United States");
        var plain = sandbox.FreshBooks.AddClient("Gum Retail", "buyer@gum.example", "57 Ash Ct", "Alpharetta", "GA", "30005", "United States");
        using var http = OperatorHttp.Create(sandbox.Host);
        var secretPath = $"api/connections/{FreshBooksUpsSandbox.ConnectionId}/secrets/{FreshBooksClientUpsStore.ShipperAccount(own)}-ups-merchant-id";
        using (var set = await http.PutAsync(new Uri(secretPath, UriKind.Relative), OperatorHttp.Json("{\"value\":\"" + FreshBooksUpsSandbox.ClientShipperNumber + "\"}")))
        {
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        }

        var ownInvoice = await sandbox.FreshBooks.CreateInvoiceAsync(own, FlaggedLines);
        var plainInvoice = await sandbox.FreshBooks.CreateInvoiceAsync(plain, FlaggedLines);
        await sandbox.WaitForIntakeAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, ownInvoice), WorkflowRuntimeStatus.Completed);
        await WorkflowWait.ForAsync(sandbox.Workflows, FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, plainInvoice), WorkflowRuntimeStatus.Completed);
        var store = sandbox.Host.Services.GetRequiredService<UpsShipmentStore>();
        var ownRow = Assert.Single(await store.GetBySourceAsync(FreshBooksUpsSandbox.ConnectionId, FreshBooksUpsNames.InvoiceSource, ownInvoice.ToString(CultureInfo.InvariantCulture)));
        var plainRow = Assert.Single(await store.GetBySourceAsync(FreshBooksUpsSandbox.ConnectionId, FreshBooksUpsNames.InvoiceSource, plainInvoice.ToString(CultureInfo.InvariantCulture)));

        // Both subscriptions come due, so the renewal job renews them.
        await store.ChangeAsync(FreshBooksUpsSandbox.ConnectionId, [ownRow.TrackingNumber, plainRow.TrackingNumber], r => r with { SubscribedUntilUtc = TimeProvider.System.GetUtcNow() });

        // Act: the tracking poll and the Track Alert renewal, as their timers run them.
        await sandbox.Host.Services.GetRequiredService<UpsTrackingPollJob>().PollAsync(FreshBooksUpsSandbox.ConnectionId);
        var renewed = await sandbox.Host.Services.GetRequiredService<UpsTrackAlertRenewalJob>().RenewAsync(FreshBooksUpsSandbox.ConnectionId);

        // Assert: the row remembers the account; each call for a client's package was made as that client's number.
        Assert.Equal(FreshBooksClientUpsStore.ShipperAccount(own), ownRow.ShipperAccount);
        Assert.Null(plainRow.ShipperAccount);
        Assert.Equal(2, renewed.Accepted);
        var requests = sandbox.Ups.GetRequests();
        foreach (var (street, tracking, merchant) in new[] { ("31 Ash Ct", ownRow.TrackingNumber, FreshBooksUpsSandbox.ClientShipperNumber), ("57 Ash Ct", plainRow.TrackingNumber, FreshBooksUpsSandbox.ShipperNumber) })
        {
            AssertMadeAs(merchant, 1, requests.Where(r => r.Path.Contains("/addressvalidation/", StringComparison.Ordinal) && BodyHas(r, street)));
            AssertMadeAs(merchant, 1, requests.Where(r => r.Path.Contains("/rating/", StringComparison.Ordinal) && BodyHas(r, street)));
            AssertMadeAs(merchant, 1, requests.Where(r => r.Path.EndsWith("/ship", StringComparison.Ordinal) && BodyHas(r, street)));
            AssertMadeAs(merchant, 2, requests.Where(r => r.Path.Contains("/track/v2/subscription/", StringComparison.Ordinal) && BodyHas(r, tracking)));
            AssertMadeAs(merchant, 1, requests.Where(r => r.Path.Contains("/track/v1/details/" + tracking, StringComparison.Ordinal)));
        }

        Assert.Contains(requests, r => r.Path.EndsWith("/oauth/token", StringComparison.Ordinal) && r.MerchantId == FreshBooksUpsSandbox.ClientShipperNumber);
        var shipments = sandbox.Ups.GetShipments();
        Assert.Equal(FreshBooksUpsSandbox.ClientShipperNumber, Assert.Single(shipments, s => s.TrackingNumbers.Contains(ownRow.TrackingNumber)).ShipperNumber);
        Assert.Equal(FreshBooksUpsSandbox.ShipperNumber, Assert.Single(shipments, s => s.TrackingNumbers.Contains(plainRow.TrackingNumber)).ShipperNumber);
    }

    private static bool BodyHas(UpsSimulatorRequest request, string text) => request.Body?.Contains(text, StringComparison.OrdinalIgnoreCase) == true;

    private static void AssertMadeAs(string merchantId, int expectedCalls, IEnumerable<UpsSimulatorRequest> calls)
    {
        var list = calls.ToList();
        Assert.Equal(expectedCalls, list.Count);
        Assert.All(list, r => Assert.Equal(merchantId, r.MerchantId));
    }
}
