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
        var options = new ChaosOptions(Records, Kills: 1, Seed: 23)
        {
            Integrations = [IntegrationKinds.QboUps],
            LostResponseRate = 0.10,
            ConcurrentEditRate = 0.25,
            ServeAssemblyPath = CliProcess.AssemblyPath,
            StorageConnectionString = azurite.ConnectionString,
            StoragePrefix = azurite.NewPrefix(),

            // A deadline, not a measurement: a create a killed process had claimed resumes after the ledger's claim timeout.
            SettleLimit = TimeSpan.FromMinutes(10),
        };

        // Act
        var summary = await new ChaosRunner(_ => { }).RunAsync(options, CancellationToken.None);

        // Assert: the reconciliation.
        Assert.Empty(summary.Problems);
        var result = Assert.Single(summary.Integrations);
        Assert.Equal(IntegrationKinds.QboUps, result.Integration);
        Assert.Equal(Records, result.Records);
        Assert.Equal(0, result.Duplicated);
        Assert.Equal(0, result.Lost);
        Assert.Equal(Records, result.SyncedExactlyOnce);
        Assert.Equal(result.FailedVisibly, result.ReplayedSuccessfully);
        Assert.Equal(result.FailedVisibly, result.FailedVisiblyWithWhatToFix);
        Assert.Equal(0, result.FailedAfterReplay);
        Assert.True(summary.Passed);

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
        Assert.Equal(1, faults.Kills);
        Assert.Equal(1, faults.Restarts);
    }
}
