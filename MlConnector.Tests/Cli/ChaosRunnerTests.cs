using MlConnector.Cli.Chaos;
using MlConnector.Core.Connections;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// A small <c>mlconnector chaos</c> through the multi-integration runner: ShipStation → QBO orders driven through a real
/// <c>mlconnector serve</c> process with every fault class of the run injected by the simulators, the refresh refused
/// until the merchant consents again, and the process SIGKILLed once; every order ends in QBO exactly once, nothing is
/// lost, every visible failure is replayed successfully once the faults are lifted, and the host never stalls (the run
/// reports a stall as a problem).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ChaosRunnerTests(AzuriteFixture azurite)
{
    private const int Records = 40;

    [Fact]
    public async Task RunAsync_VendorFaultsTokenFaultsAndAKill_EveryOrderSyncedOnceNoneLostAndEveryFaultClassInjected()
    {
        // Arrange: a few hundred requests, so the rarer faults are raised above the command's rates to be sure they happen;
        // QBO writes come in batches of up to 30 orders (a few dozen writes in all), so lost responses are raised most.
        var options = ChaosTestRun.Options(azurite, IntegrationKinds.ShipStationQbo, Records, seed: 5) with
        {
            LostResponseRate = 0.30,
            ConcurrentEditRate = 0.25,
        };

        // Act, and assert the reconciliation
        var (summary, result) = await ChaosTestRun.RunAndReconcileAsync(options);

        // Assert: every fault class really happened.
        var faults = summary.Faults;
        Assert.True(faults.ServerErrors > 0, "no 5xx injected");
        Assert.True(faults.RateLimits > 0, "no 429 injected");
        Assert.True(faults.LostResponses > 0, "no response lost after a committed write");
        Assert.True(faults.StaleSyncTokens > 0, "no stale SyncToken injected");
        Assert.True(faults.DuplicateDeliveries > 0, "no webhook delivered twice");
        Assert.True(faults.DeliveriesOutOfOrder > 0, "no webhook delivered out of order");
        Assert.True(faults.AccessTokensExpired > 0, "no access token expired mid-run");
        Assert.True(faults.RefusedRefreshes > 0, "no refresh refused");
        Assert.Equal(1, faults.Reconsents);
        Assert.Equal(0, faults.StaleEditSequences + faults.QbdClosed + faults.QbwcSessionsDropped + faults.PartnerRejections);
    }
}
