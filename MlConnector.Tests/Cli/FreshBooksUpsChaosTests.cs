using MlConnector.Cli.Chaos;
using MlConnector.Core.Connections;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// A small <c>mlconnector chaos --integrations freshbooks-ups</c>: FreshBooks invoices issued, flagged (some by a later
/// update, some never) and announced one to three times out of order, then their packages moved by UPS with Track Alert
/// pushes one to three times out of order, through a real <c>mlconnector serve</c> process that is SIGKILLed once, with the
/// FreshBooks simulator injecting 5xx, 429 and lost responses and the shared OAuth server expiring tokens and refusing a
/// refresh; every flagged invoice gets exactly one UPS shipment and shows its tracking once, nothing is lost, and every
/// visible failure is replayed successfully once the faults are lifted.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class FreshBooksUpsChaosTests(AzuriteFixture azurite)
{
    private const int Records = 24;

    [Fact]
    public async Task RunAsync_FreshBooksUpsOnly_EveryInvoiceShippedOnceNoneLostAndEveryFreshBooksFaultInjected()
    {
        // Arrange: a few hundred requests, so lost responses are raised above the command's 2 % to be sure one happens.
        var options = ChaosTestRun.Options(azurite, IntegrationKinds.FreshBooksUps, Records, seed: 11) with
        {
            LostResponseRate = 0.15,
        };

        // Act, and assert the reconciliation
        var (summary, result) = await ChaosTestRun.RunAndReconcileAsync(options);

        // Assert: every fault class of FreshBooks ↔ UPS really happened.
        Assert.True(result.Faults["serverErrors"] > 0, "no FreshBooks 5xx injected");
        Assert.True(result.Faults["rateLimits"] > 0, "no FreshBooks 429 injected");
        Assert.True(result.Faults["lostResponses"] > 0, "no FreshBooks response lost after a committed write");
        var faults = summary.Faults;
        Assert.True(faults.DuplicateDeliveries > 0, "no webhook delivered twice");
        Assert.True(faults.DeliveriesOutOfOrder > 0, "no webhook delivered out of order");
        Assert.True(faults.AccessTokensExpired > 0, "no access token expired mid-run");
        Assert.True(faults.RefusedRefreshes > 0, "no refresh refused");
        Assert.Equal(1, faults.Reconsents);
    }
}
