namespace MlConnector.Tests.TestSupport;

/// <summary>
/// The system clock moved forward by <see cref="Shift"/>: <see cref="GetUtcNow"/> is shifted while timers and timestamps
/// stay the system's, so a whole host keeps running (its pollers and delays are real) while a test jumps it minutes ahead
/// to look at what only time reveals (a Web Connector that stopped calling). <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>
/// would stop every host timer instead.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _shiftTicks;

    /// <summary>How far ahead of the system clock this clock is.</summary>
    public TimeSpan Shift => TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">How far.</param>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}
