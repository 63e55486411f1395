namespace MlConnector.Cli.Delivery;

/// <summary>How one delivery sent by <see cref="Redelivery.UntilAcceptedAsync"/> ended.</summary>
/// <param name="Accepted">True when the host answered 2xx in the end.</param>
/// <param name="Retries">How many times it was sent again after the first try.</param>
/// <param name="LastStatus">The status of the last answer; null when the last try got none (timeout, connection refused).</param>
internal sealed record DeliveryOutcome(bool Accepted, int Retries, int? LastStatus)
{
    /// <summary>Of <see cref="Retries"/>, those that followed a try that found the host unreachable (down or restarting).</summary>
    public int RetriesWhileUnreachable { get; init; }
}
