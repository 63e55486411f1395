using MlConnector.Core.Connections;

namespace MlConnector.Core.Hosting.Scheduling;

/// <summary>
/// The loop every per-connection scheduled job runs: each connection of a kind that is not paused, one at a time, where
/// one connection's failure is reported and the sweep goes on to the next (a bad connection never stops the rest).
/// </summary>
public static class ConnectionSweep
{
    /// <summary>Runs <paramref name="work"/> for each active connection.</summary>
    /// <param name="connections">The connection store.</param>
    /// <param name="kind">The integration kind, or null for every kind.</param>
    /// <param name="work">The work for one connection.</param>
    /// <param name="onFailure">Reports a connection's failure (log it with the exception).</param>
    /// <param name="include">Further filter on the connections, if any.</param>
    /// <param name="cancellationToken">Cancels the sweep; cancellation is not reported as a failure.</param>
    /// <returns>A task that completes when every connection was visited.</returns>
    public static async Task RunAsync(
        IConnectionStore connections,
        string? kind,
        Func<Connection, CancellationToken, Task> work,
        Action<Exception, Connection> onFailure,
        Func<Connection, bool>? include = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(onFailure);
        foreach (var connection in await connections.ListAsync(kind, cancellationToken))
        {
            if (connection.Paused || (include is not null && !include(connection)))
            {
                continue;
            }

            try
            {
                await work(connection, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                onFailure(ex, connection);
            }
        }
    }
}
