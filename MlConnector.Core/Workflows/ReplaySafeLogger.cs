namespace MlConnector.Core.Workflows;

/// <summary>A logger that drops entries while the workflow replays, so each line is written once.</summary>
/// <param name="inner">The logger written to.</param>
/// <param name="isReplaying">Whether the workflow replays right now.</param>
public sealed class ReplaySafeLogger(ILogger inner, Func<bool> isReplaying) : ILogger
{
    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => !isReplaying() && inner.IsEnabled(logLevel);

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!isReplaying())
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
