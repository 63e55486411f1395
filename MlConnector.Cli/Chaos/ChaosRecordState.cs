namespace MlConnector.Cli.Chaos;

/// <summary>Where one source record stands in its target system when reconciled.</summary>
internal enum ChaosRecordState
{
    /// <summary>In the target exactly once, complete.</summary>
    Synced,

    /// <summary>In the target more than once.</summary>
    Duplicated,

    /// <summary>Not (completely) in the target, and an open failure says what to fix.</summary>
    FailedVisibly,

    /// <summary>Neither synced nor visibly failed.</summary>
    Unaccounted,
}
