namespace MlConnector.Core.Workflows;

/// <summary>What <see cref="IWorkflowClient.ReleaseHeldAsync"/> did for one connection.</summary>
/// <param name="Started">Held starts that were started (or found already started: a duplicate counts once here too).</param>
/// <param name="Replayed">Stopped instances that were replayed.</param>
/// <param name="Dropped">Held replays whose instance no longer needed one (it completed, or no longer exists).</param>
/// <param name="Remaining">True when work is still held: the connection is paused, a stopped instance has not
/// finished failing yet, or the connection has as many workflows running as <see cref="WorkflowAdmissionOptions.MaxActivePerConnection"/>
/// allows; the next release (on resume or by <c>Schedules:HeldWorkRelease</c>) goes on from there.</param>
public sealed record HeldWorkRelease(int Started, int Replayed, int Dropped, bool Remaining)
{
    /// <summary>Nothing was held.</summary>
    public static HeldWorkRelease None { get; } = new(0, 0, 0, false);
}
