using MlConnector.Cli.Chaos;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The shared part of the chaos tests: a small run of one integration against a real <c>mlconnector serve</c> process on the
/// test Azurite (one SIGKILL), and the reconciliation every integration must meet: nothing duplicated, nothing lost, every
/// record synced exactly once, every visible failure with a "what to fix" and replayed successfully, no problem reported.
/// </summary>
internal static class ChaosTestRun
{
    /// <summary>
    /// Options for one integration with the command's fault rates, and one fault of each simulator class guaranteed on its
    /// first eligible requests (<see cref="ChaosOptions.GuaranteedFaults"/>), so "class injected" cannot miss; a test
    /// raises the rarer ones with <c>with</c>.
    /// </summary>
    /// <remarks>
    /// The settle limit is a deadline, not a measurement: after a kill, a write the dead process had claimed resumes after
    /// the ledger's 3-minute claim timeout, and activity retries back off for minutes under 20 % 5xx on a loaded machine.
    /// The host purges completed workflows older than a minute (<see cref="ChaosOptions.WorkflowRetention"/>), so the
    /// reconciliation also shows that purged instances lose and duplicate nothing.
    /// </remarks>
    public static ChaosOptions Options(AzuriteFixture azurite, string integration, int records, int seed) => new(records, Kills: 1, Seed: seed)
    {
        Integrations = [integration],
        ServeAssemblyPath = CliProcess.AssemblyPath,
        StorageConnectionString = azurite.ConnectionString,
        StoragePrefix = azurite.NewPrefix(),
        SettleLimit = TimeSpan.FromMinutes(10),
        GuaranteedFaults = 1,

        // The shortest retention the host accepts, purged every 15 s, so completed instances are purged while the run goes on.
        WorkflowRetention = TimeSpan.FromMinutes(1),
        WorkflowPurgeSchedule = "*/15 * * * * *",
    };

    /// <summary>Runs the chaos and asserts the reconciliation and that every kill asked for was made and restarted; returns the summary and the integration's result.</summary>
    public static async Task<(ChaosSummary Summary, ChaosIntegrationResult Result)> RunAndReconcileAsync(ChaosOptions options, Action<ChaosSummary>? inspect = null)
    {
        var summary = await new ChaosRunner(_ => { }).RunAsync(options, CancellationToken.None);
        inspect?.Invoke(summary);
        Assert.Empty(summary.Problems);
        var result = Assert.Single(summary.Integrations);
        Assert.Equal(Assert.Single(options.Integrations!), result.Integration);
        Assert.Equal(options.Records, result.Records);
        Assert.Equal(0, result.Duplicated);
        Assert.Equal(0, result.Lost);
        Assert.Equal(options.Records, result.SyncedExactlyOnce);
        Assert.Equal(result.FailedVisibly, result.ReplayedSuccessfully);
        Assert.Equal(result.FailedVisibly, result.FailedVisiblyWithWhatToFix);
        Assert.Equal(0, result.FailedAfterReplay);
        Assert.Equal((options.Kills, options.Kills), (summary.Faults.Kills, summary.Faults.Restarts));
        Assert.True(summary.Passed);
        return (summary, result);
    }
}
