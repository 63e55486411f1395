using MlConnector.Cli.Chaos;
using MlConnector.Core.Connections;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// A small <c>mlconnector chaos --integrations qbo-sps</c>: trading partners' 850s picked up by the host's SPS poll and
/// QBO invoices turned into 810s and 856s, through a real <c>mlconnector serve</c> process SIGKILLed once, with SPS's own
/// faults (5xx, 429, lost responses after the commit, partner rejections) and the run's QBO and token faults on. Every PO
/// ends as exactly one QBO purchase order with exactly one accepted 810 and 856, nothing is lost, and every visible
/// failure (partner rejections among them) is replayed successfully once the faults are lifted.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class QboSpsChaosTests(AzuriteFixture azurite)
{
    private const int Records = 30;

    [Fact]
    public async Task RunAsync_QboSpsUnderSpsFaultsPartnerRejectionsAndAKill_EveryPoSyncedOnceNoneLostEveryRejectionReplayed()
    {
        // Arrange: about two hundred SPS requests, so the rarer faults are raised above the command's rates to be sure they happen.
        var options = ChaosTestRun.Options(azurite, IntegrationKinds.QboSps, Records, seed: 11) with
        {
            LostResponseRate = 0.10,
            ConcurrentEditRate = 0.50,
        };

        // Act, and assert the reconciliation
        var (summary, result) = await ChaosTestRun.RunAndReconcileAsync(options);
        Assert.Contains(result.WhatToFix.Keys, k => k.StartsWith("PartnerRejected:", StringComparison.Ordinal));

        // Assert: every SPS fault class really happened at SPS, and the run's own.
        Assert.True(result.Faults[ChaosFaultClasses.ServerErrors] > 0, "no SPS 5xx injected");
        Assert.True(result.Faults[ChaosFaultClasses.RateLimits] > 0, "no SPS 429 injected");
        Assert.True(result.Faults[ChaosFaultClasses.LostResponses] > 0, "no SPS response lost after a committed write");
        Assert.True(result.Faults[ChaosFaultClasses.PartnerRejections] > 0, "no document rejected by a trading partner");
        Assert.Equal(Records / QboSpsChaos.RevisionEvery, result.Faults[QboSpsChaos.Revisions]);
        var faults = summary.Faults;
        Assert.True(faults.StaleSyncTokens > 0, "no purchase-order revision met a stale SyncToken (qbo-sps updates nothing else in QBO)");
        Assert.True(faults.DuplicateDeliveries > 0, "no delivery made twice");
        Assert.True(faults.DeliveriesOutOfOrder > 0, "no delivery made out of order");
        Assert.True(faults.RefusedRefreshes > 0, "no refresh refused");
    }
}
