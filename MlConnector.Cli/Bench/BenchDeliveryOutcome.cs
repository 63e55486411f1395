namespace MlConnector.Cli.Bench;

/// <summary>How one delivery sent by <see cref="BenchDelivery.SendAsync"/> ended.</summary>
/// <param name="Accepted">True when the host answered 2xx in the end.</param>
/// <param name="Retries">How many times it was sent again (after a 503, a 429, a timeout or a refused connection).</param>
/// <param name="LastStatus">The status of the last answer; null when the last try got none (timeout, connection refused).</param>
internal sealed record BenchDeliveryOutcome(bool Accepted, int Retries, int? LastStatus);
