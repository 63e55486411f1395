namespace MlConnector.Cli.Chaos;

/// <summary>One integration's reconciliation: every source record against its target system.</summary>
/// <param name="Integration">The integration kind, for example <c>shipstation-qbo</c>.</param>
/// <param name="Records">Source records driven through it.</param>
internal sealed record ChaosIntegrationResult(string Integration, int Records)
{
    /// <summary>In the target exactly once and complete at the end.</summary>
    public int SyncedExactlyOnce { get; init; }

    /// <summary>In the target more than once, at any reconciliation (must be 0).</summary>
    public int Duplicated { get; init; }

    /// <summary>Neither synced nor visibly failed at the end (must be 0).</summary>
    public int Lost { get; init; }

    /// <summary>Not synced when the faults were lifted, with an open failure that says what to fix.</summary>
    public int FailedVisibly { get; init; }

    /// <summary>Of <see cref="FailedVisibly"/>, those whose failure carried a non-empty "what to fix".</summary>
    public int FailedVisiblyWithWhatToFix { get; init; }

    /// <summary>Not synced and without an open failure when the faults were lifted (webhook deliveries in poison, work the host had not finished).</summary>
    public int UnaccountedBeforeReplay { get; init; }

    /// <summary>Of <see cref="FailedVisibly"/>, those synced exactly once after their replay.</summary>
    public int ReplayedSuccessfully { get; init; }

    /// <summary>Open failures left after the replays.</summary>
    public int FailedAfterReplay { get; init; }

    /// <summary>The distinct "what to fix" sentences of the failures, with how many records each.</summary>
    public IReadOnlyDictionary<string, int> WhatToFix { get; init; } = new Dictionary<string, int>();

    /// <summary>Every visible failure (<see cref="FailedVisibly"/>) with its workflow, kind, what to fix, full message and replay outcome, by record.</summary>
    public IReadOnlyList<ChaosVisibleFailure> Failures { get; init; } = [];

    /// <summary>What the integration's own simulators injected, by fault class (<see cref="IChaosIntegration.CountFaults"/>).</summary>
    public IReadOnlyDictionary<string, int> Faults { get; init; } = new Dictionary<string, int>();

    /// <summary>True when nothing is duplicated or lost and every visible failure was replayed successfully.</summary>
    public bool Passed => Duplicated == 0 && Lost == 0 && FailedAfterReplay == 0 && ReplayedSuccessfully == FailedVisibly && SyncedExactlyOnce == Records;
}
