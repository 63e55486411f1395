using Microsoft.Extensions.Options;

namespace MlConnector.Core.Workflows;

/// <summary>
/// Admission per connection, for both hosts' workflow clients (<see cref="Engines.EngineWorkflowClient"/>): a start is admitted
/// while its connection has fewer than <see cref="WorkflowAdmissionOptions.MaxActivePerConnection"/> pending or running
/// instances, and held otherwise (<see cref="HeldWorkStore"/>, released by <c>Schedules:HeldWorkRelease</c>). One per process.
/// </summary>
/// <remarks>
/// The counts come from one listing of every pending and running instance (the engine's, passed in by the client), made
/// at most once per <see cref="WorkflowAdmissionOptions.CountInterval"/> whoever asks; between listings this process adds
/// each start it admits, and sees completions only at the next listing, so a count errs high (a start waits for the next
/// release pass), never low within a process.
/// </remarks>
/// <param name="options">The limit and the count interval.</param>
/// <param name="timeProvider">The clock (when to count again).</param>
public sealed class WorkflowAdmission(IOptions<WorkflowAdmissionOptions> options, TimeProvider timeProvider) : IDisposable
{
    private readonly SemaphoreSlim _counting = new(1, 1);
    private readonly Lock _lock = new();
    private Dictionary<string, int> _active = new(StringComparer.Ordinal);
    private DateTimeOffset _countedUtc = DateTimeOffset.MinValue;

    /// <summary>The limit per connection; 0 admits every start.</summary>
    public int MaxActivePerConnection => options.Value.MaxActivePerConnection;

    /// <summary>
    /// Admits one start of <paramref name="connectionId"/> if it is under the limit, counting it as running from now on.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="countActive">Counts every pending and running instance by connection (one engine listing); called when the last count is older than the interval.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>True when the start may be scheduled now; false when it must be held.</returns>
    /// <exception cref="Exception">Whatever <paramref name="countActive"/> throws (the start then fails and its caller retries it).</exception>
    public async ValueTask<bool> TryAdmitAsync(string connectionId, Func<CancellationToken, Task<IReadOnlyDictionary<string, int>>> countActive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentNullException.ThrowIfNull(countActive);
        var max = options.Value.MaxActivePerConnection;
        if (max <= 0)
        {
            return true;
        }

        if (IsStale())
        {
            await _counting.WaitAsync(cancellationToken);
            try
            {
                // Another caller may have counted while this one waited.
                if (IsStale())
                {
                    var counted = await countActive(cancellationToken);
                    lock (_lock)
                    {
                        _active = new Dictionary<string, int>(counted, StringComparer.Ordinal);
                        _countedUtc = timeProvider.GetUtcNow();
                    }
                }
            }
            finally
            {
                _counting.Release();
            }
        }

        lock (_lock)
        {
            var active = _active.GetValueOrDefault(connectionId);
            if (active >= max)
            {
                return false;
            }

            _active[connectionId] = active + 1;
            return true;
        }
    }

    private bool IsStale()
    {
        lock (_lock)
        {
            return timeProvider.GetUtcNow() - _countedUtc >= options.Value.CountInterval;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _counting.Dispose();
}
