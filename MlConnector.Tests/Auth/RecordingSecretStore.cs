using MlConnector.Core.Secrets;

namespace MlConnector.Tests.Auth;

/// <summary>
/// An in-test <see cref="ISecretStore"/> collaborator: a dictionary that records every write in order, remembers every
/// value ever stored (to scan logs and audit rows for leaks), and can be told to fail writes to some names.
/// </summary>
public sealed class RecordingSecretStore : ISecretStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _writes = [];
    private readonly HashSet<string> _everStored = new(StringComparer.Ordinal);

    /// <summary>Writes to a name matching this predicate throw.</summary>
    public Func<string, bool> FailWritesTo { get; set; } = _ => false;

    /// <summary>The names written, in order.</summary>
    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>Every value ever stored, including overwritten ones.</summary>
    public IReadOnlyCollection<string> EverStored
    {
        get
        {
            lock (_lock)
            {
                return [.. _everStored];
            }
        }
    }

    public string? this[string name]
    {
        get
        {
            lock (_lock)
            {
                return _values.GetValueOrDefault(name);
            }
        }
    }

    public Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_values.GetValueOrDefault(name));
        }
    }

    public Task SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (FailWritesTo(name))
        {
            throw new InvalidOperationException($"Secret store unavailable for '{name}'.");
        }

        lock (_lock)
        {
            _values[name] = value;
            _writes.Add(name);
            _everStored.Add(value);
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _values.Remove(name);
        }

        return Task.CompletedTask;
    }

    public void Seed(string name, string value)
    {
        lock (_lock)
        {
            _values[name] = value;
            _everStored.Add(value);
        }
    }

    public void ClearWrites()
    {
        lock (_lock)
        {
            _writes.Clear();
        }
    }
}
