namespace MlConnector.Cli.Chaos;

/// <summary>The chaos run's report: every source record reconciled with its target system, and what was injected.</summary>
internal sealed record ChaosSummary
{
    public required int Seed { get; init; }

    public required IReadOnlyList<ChaosIntegrationResult> Integrations { get; init; }

    public required ChaosFaultCounts Faults { get; init; }

    /// <summary>What went wrong in the run itself (a phase that did not settle in time).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Every settle of the run in order (each phase, the poison deliveries, each replay rank): how long, in all and per integration.</summary>
    public IReadOnlyList<ChaosSettleTiming> Settles { get; init; } = [];

    /// <summary>Every simulator's traffic: requests, 429s by the vendor's limits, injected faults.</summary>
    public IReadOnlyList<ChaosSimulatorTraffic> Simulators { get; init; } = [];

    public double ElapsedSeconds { get; init; }

    public int RecordsExpected => Integrations.Sum(i => i.Records);

    public int SyncedExactlyOnce => Integrations.Sum(i => i.SyncedExactlyOnce);

    public int Duplicated => Integrations.Sum(i => i.Duplicated);

    public int Lost => Integrations.Sum(i => i.Lost);

    public int FailedVisibly => Integrations.Sum(i => i.FailedVisibly);

    public int ReplayedSuccessfully => Integrations.Sum(i => i.ReplayedSuccessfully);

    /// <summary>0 duplicated, 0 lost, every visible failure replayed successfully, and the run itself without problems.</summary>
    public bool Passed => Problems.Count == 0 && Integrations.All(i => i.Passed);
}
