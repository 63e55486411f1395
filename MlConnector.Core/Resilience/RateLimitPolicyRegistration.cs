namespace MlConnector.Core.Resilience;

/// <summary>
/// Sets the <see cref="RateLimitPolicy"/> for a connector code; register as a singleton to add a connector or override a
/// built-in policy (the last registration for a connector wins).
/// </summary>
/// <param name="Connector">The connector code, for example <c>ups</c> (case-insensitive).</param>
/// <param name="Policy">The limits for every key of that connector.</param>
public sealed record RateLimitPolicyRegistration(string Connector, RateLimitPolicy Policy);
