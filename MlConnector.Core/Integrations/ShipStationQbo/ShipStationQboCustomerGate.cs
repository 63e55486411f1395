using System.Collections.Concurrent;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// Lets one chunk at a time find and create the new buyers' customers of a connection (one QBO company) in this process,
/// so chunks in flight together never both create the same buyer or both take the same free display name: the second
/// reads QBO after the first's customer batch committed and finds the customer or the name taken. Without it, the loser
/// of such a race gets QBO's 6240 Duplicate Name (PROTOCOL-NOTES.md §2) and repairs it with extra queries and creates.
/// </summary>
/// <remarks>
/// The gate covers the customer step only (the chunk's reads and its batches up to the one with its last customer create,
/// which also carry invoices: <see cref="QboWritePacking"/>); the batches after it run in parallel. It
/// is in-process, like the realm's rate governor: runs in other processes are still kept correct by the 6240 handling of
/// <see cref="ShipStationQboCustomerResolver"/>.
/// </remarks>
public sealed class ShipStationQboCustomerGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits until no other chunk of the connection is in its customer step, and enters it.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Leaves the step when disposed.</returns>
    /// <exception cref="OperationCanceledException">When the wait is cancelled.</exception>
    public async Task<IDisposable> EnterAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var gate = _gates.GetOrAdd(connectionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Exit(gate);
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
