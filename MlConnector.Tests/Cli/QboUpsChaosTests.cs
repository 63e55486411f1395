using MlConnector.Cli.Chaos;
using MlConnector.Core.Connections;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// A small <c>mlconnector chaos --integrations qbo-ups</c>: QBO purchase orders driven through a real <c>mlconnector serve</c>
/// process into UPS shipments and QBO bills, with QBO's and UPS's faults injected by the simulators, webhooks and Track
/// Alert pushes repeated and shuffled, the QBO tokens expired and a refresh refused, and the process SIGKILLed once:
/// every PO ends with one UPS label and one bill, nothing is lost, and every visible failure is replayed successfully.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class QboUpsChaosTests(AzuriteFixture azurite)
{
    private const int Records = 24;

    [Fact]
    public async Task RunAsync_QboUpsOnlyWithVendorFaultsTokenFaultsAndAKill_EveryPurchaseOrderShippedAndBilledOnceNoneLost()
    {
        // Arrange: lost responses raised above the command's 2 % so a few hundred requests surely lose some Ship answers.
        var options = ChaosTestRun.Options(azurite, IntegrationKinds.QboUps, Records, seed: 23) with
        {
            LostResponseRate = 0.10,
            ConcurrentEditRate = 0.25,
        };

        // Act, and assert the reconciliation
        var (summary, result) = await ChaosTestRun.RunAndReconcileAsync(options);

        // Assert: UPS's fault classes and the run's really happened.
        Assert.True(result.Faults["upsServerErrors"] > 0, "no UPS 5xx injected");
        Assert.True(result.Faults["upsRateLimits"] > 0, "no UPS 429 injected");
        Assert.True(result.Faults["upsLostResponses"] > 0, "no UPS answer lost after a committed write");
        var faults = summary.Faults;
        Assert.True(faults.ServerErrors > result.Faults["upsServerErrors"], "no QBO 5xx injected");
        Assert.True(faults.RateLimits > result.Faults["upsRateLimits"], "no QBO 429 injected");
        Assert.True(faults.StaleSyncTokens > 0, "no stale SyncToken injected");
        Assert.True(faults.DuplicateDeliveries > 0, "no webhook or push delivered twice");
        Assert.True(faults.DeliveriesOutOfOrder > 0, "no webhook or push delivered out of order");
        Assert.True(faults.AccessTokensExpired > 0, "no access token expired mid-run");
        Assert.True(faults.RefusedRefreshes > 0, "no refresh refused");
        Assert.Equal(1, faults.Reconsents);
    }
}
