using MlConnector.Cli.Demo;
using MlConnector.Tests.Integration;
using Spectre.Console;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The demo's FreshBooks ↔ UPS phase against the real sandbox (its own Azurite, the standalone host, the OAuth, UPS and
/// FreshBooks simulators over loopback): it passes only when every flagged invoice shipped once and shows Delivered.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FreshBooksUpsDemoPhaseTests
{
    private static readonly IAnsiConsole Quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });

    [Fact]
    public async Task RunAsync_OnTheSandbox_ShipsEveryFlaggedInvoiceOnceAndReportsEachScenario()
    {
        // Arrange
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);

        // Act
        var summary = await new FreshBooksUpsDemoPhase(new DemoProgress(Quiet)).RunAsync(sandbox, CancellationToken.None);

        // Assert: the summary, and what the UPS simulator holds, agree.
        Assert.True(summary.Passed, string.Join("; ", summary.Problems));
        Assert.Equal(summary.FlaggedInvoices, summary.FlaggedWithExactlyOneShipment);
        Assert.Equal(summary.FlaggedInvoices, summary.FlaggedWithTrackingDelivered);
        Assert.Equal(summary.FlaggedInvoices, sandbox.Ups.GetShipments().Count(s => s.ReferenceNumber?.StartsWith("Invoice ", StringComparison.Ordinal) == true));
        Assert.Equal((1, 1, 1, 1, 1, 1), (summary.UnflaggedSkipped, summary.FlaggedLater, summary.FoundByPoll, summary.ForgedDeliveriesRejected, summary.ClientAccountShipments, summary.ReplaysSucceeded));
        Assert.True(summary.DuplicatesSuppressed >= 2, $"{summary.DuplicatesSuppressed} duplicates");
    }
}
