namespace MlConnector.Core.Intake;

/// <summary>Indexes a vendor intake's handlers by the integration kind each serves (one handler per kind).</summary>
internal static class IntegrationHandlerIndex
{
    /// <summary>Indexes the handlers by kind.</summary>
    /// <typeparam name="T">The vendor's handler interface.</typeparam>
    /// <param name="handlers">The registered handlers.</param>
    /// <param name="kindOf">A handler's integration kind.</param>
    /// <returns>The index (ordinal keys).</returns>
    /// <exception cref="InvalidOperationException">When two handlers serve one kind.</exception>
    public static Dictionary<string, T> Build<T>(IEnumerable<T> handlers, Func<T, string> kindOf)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(kindOf);
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!index.TryAdd(kindOf(handler), handler))
            {
                throw new InvalidOperationException($"Two {typeof(T).Name} handlers are registered for integration kind {kindOf(handler)}.");
            }
        }

        return index;
    }
}
