namespace MlConnector.Core.Health;

/// <summary>The answer of a connection test: <c>{"connectionId","ok","checks":[…]}</c>.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Ok">True when every check passed.</param>
/// <param name="Checks">The checks, per system.</param>
public sealed record ConnectionTestReport(string ConnectionId, bool Ok, IReadOnlyList<ConnectionCheck> Checks);
