namespace MlConnector.Core.Storage;

/// <summary>
/// A storage resource (a container, a queue) created on first use, once per process: callers share one creation, and a
/// creation that failed or was cancelled is tried again by the next caller rather than cached.
/// </summary>
public sealed class CreatedOnce
{
    private Task? _created;

    /// <summary>Waits until the resource exists, starting <paramref name="create"/> if no creation is under way or done.</summary>
    /// <param name="create">Creates the resource if it does not exist (a <c>CreateIfNotExistsAsync</c> with no caller's token, since other callers may share it).</param>
    /// <param name="cancellationToken">Cancels this caller's wait, not the creation.</param>
    /// <returns>A task that completes once the resource exists.</returns>
    /// <exception cref="Azure.RequestFailedException">When the storage account refuses the creation.</exception>
    public Task WaitAsync(Func<Task> create, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _created = create();
        }

        return created.WaitAsync(cancellationToken);
    }
}
