using MlConnector.Core.Connections;

namespace MlConnector.Core.Hosting.Scheduling;

/// <summary>
/// The loop every per-connection scheduled job runs: each connection of a kind that is not paused, one at a time (or up to
/// a given number at once), where one connection's failure is reported and the sweep goes on to the next (a bad connection
/// never stops the rest).
/// </summary>
public static class ConnectionSweep
{
    /// <summary>Runs <paramref name="work"/> for each active connection.</summary>
    /// <param name="connections">The connection store.</param>
    /// <param name="kind">The integration kind, or null for every kind.</param>
    /// <param name="work">The work for one connection.</param>
    /// <param name="onFailure">Reports a connection's failure (log it with the exception).</param>
    /// <param name="include">Further filter on the connections, if any.</param>
    /// <param name="maxConcurrency">How many connections are worked on at once (default 1: one after another).</param>
    /// <param name="cancellationToken">Cancels the sweep; cancellation is not reported as a failure.</param>
    /// <returns>A task that completes when every connection was visited.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="maxConcurrency"/> is less than 1.</exception>
    public static async Task RunAsync(
        IConnectionStore connections,
        string? kind,
        Func<Connection, CancellationToken, Task> work,
        Action<Exception, Connection> onFailure,
        Func<Connection, bool>? include = null,
        int maxConcurrency = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(onFailure);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        var active = (await connections.ListAsync(kind, cancellationToken)).Where(c => !c.Paused && (include is null || include(c)));
        await Parallel.ForEachAsync(active, new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken }, async (connection, ct) =>
        {
            try
            {
                await work(connection, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                onFailure(ex, connection);
            }
        });
    }
}
