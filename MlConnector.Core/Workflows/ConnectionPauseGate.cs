using MlConnector.Core.Connections;

namespace MlConnector.Core.Workflows;

/// <summary>
/// Where a paused connection is enforced, for every integration: both hosts' workflow clients ask it before starting or
/// replaying an instance of a connection (<see cref="Engines.EngineWorkflowClient"/>), and the activity invoker asks it
/// before every <see cref="TargetWriteAttribute">target write</see> (<see cref="Engines.WorkflowActivityInvoker"/>). Work
/// held here runs once, in arrival order, when the connection is resumed (<see cref="IWorkflowClient.ReleaseHeldAsync"/>).
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="store">The held work.</param>
public sealed class ConnectionPauseGate(IConnectionStore connections, HeldWorkStore store)
{
    /// <summary>The held work.</summary>
    public HeldWorkStore Store => store;

    /// <summary>True when the connection exists and is paused.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Whether it is paused.</returns>
    public async Task<bool> IsPausedAsync(string connectionId, CancellationToken cancellationToken = default) =>
        (await connections.GetAsync(connectionId, cancellationToken))?.Paused == true;

    /// <summary>
    /// True when new work of the connection must wait: it is paused, or work held earlier has not been released yet
    /// (so work that arrives during a release queues behind the older work and order is kept). Two point reads, the
    /// connection's row and the held work's holding row (<see cref="HeldWorkStore.IsHoldingAsync"/>), which says holding
    /// whenever work is held; no query (but the one per connection that has no holding row yet, which also finds work an
    /// older version held without the row), since this runs before every start and replay.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Whether to hold.</returns>
    public async Task<bool> MustHoldAsync(string connectionId, CancellationToken cancellationToken = default) =>
        await IsPausedAsync(connectionId, cancellationToken) || await store.IsHoldingAsync(connectionId, cancellationToken);
}
