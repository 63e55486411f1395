using MlConnector.Cli.Chaos;
using MlConnector.Core.Connections;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlConnector.Tests.Cli;

/// <summary>
/// A small <c>mlconnector chaos --integrations qbd-shipstation</c>: ShipStation orders driven into QuickBooks Desktop through
/// a real <c>mlconnector serve</c> process and the simulated Web Connector, with QuickBooks closed for a while, Web
/// Connector sessions dropped mid-queue, stale EditSequences, 5xx on the SOAP transport and the ShipStation account's
/// faults, and the process SIGKILLed once: every order ends with exactly one complete transaction, nothing is lost, and
/// every visible failure is replayed successfully once the faults are lifted.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class QbdShipStationChaosTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Records = 30;

    [Fact]
    public async Task RunAsync_QbdFaultsShipStationFaultsAndAKill_EveryOrderOnceNoneLostAndEveryQbdFaultClassInjected()
    {
        // Arrange: the rarer faults are raised above the command's rates so that a small run surely meets them (the
        // connection's ShipStation account answers only a few dozen requests).
        var options = ChaosTestRun.Options(azurite, IntegrationKinds.QbdShipStation, Records, seed: 17) with
        {
            RateLimitRate = 0.20,
            LostResponseRate = 0.10,
            ConcurrentEditRate = 0.60,
            QbdClosedRate = 0.25,
            QbwcDropRate = 0.10,
            SettleLimit = TimeSpan.FromMinutes(8),
        };

        // Act, and assert the reconciliation
        var (summary, result) = await ChaosTestRun.RunAndReconcileAsync(options, s => output.WriteLine(ChaosReport.ToJson(s)));

        // Assert: each fault class of QuickBooks Desktop and its ShipStation account really happened.
        var faults = result.Faults;
        Assert.True(faults[ChaosFaultClasses.QbdClosed] > 0, "QuickBooks was never closed");
        Assert.True(faults[ChaosFaultClasses.QbwcSessionsDropped] > 0, "no Web Connector session dropped");
        Assert.True(faults["qbwcAnswersLost"] > 0, "no session dropped after QuickBooks did a request and before its answer was reported");
        Assert.True(faults[ChaosFaultClasses.StaleEditSequences] > 0, "no stale EditSequence");
        Assert.True(faults["qbwcSoapServerErrors"] > 0, "no 5xx on the SOAP transport");
        Assert.True(faults[ChaosFaultClasses.ServerErrors] > faults["qbwcSoapServerErrors"], "no ShipStation 5xx");
        Assert.True(faults[ChaosFaultClasses.RateLimits] > 0, "no ShipStation 429");
        Assert.True(summary.Faults.DuplicateDeliveries > 0, "no webhook delivered twice");
        Assert.True(summary.Faults.DeliveriesOutOfOrder > 0, "no webhook delivered out of order");
    }
}
