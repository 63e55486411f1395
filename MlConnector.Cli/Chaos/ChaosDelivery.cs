namespace MlConnector.Cli.Chaos;

/// <summary>One webhook delivery a vendor makes (and repeats until the host answers 2xx, as vendors retry).</summary>
/// <param name="Record">The source record (or batch) it announces, for out-of-order counting.</param>
/// <param name="Sequence">The position of its record in creation order.</param>
/// <param name="SendAsync">Sends it once; answers the host's status, or null when the host could not be reached.</param>
internal sealed record ChaosDelivery(string Record, int Sequence, Func<CancellationToken, Task<int?>> SendAsync)
{
    /// <summary>
    /// False for a delivery that is not a vendor webhook (a Web Connector session): it is made like the others, but not
    /// counted among webhook deliveries, their repeats or their order.
    /// </summary>
    public bool IsWebhook { get; init; } = true;
}
