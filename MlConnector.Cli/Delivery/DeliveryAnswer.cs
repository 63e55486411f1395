namespace MlConnector.Cli.Delivery;

/// <summary>The host's answer to one try of a webhook delivery.</summary>
/// <param name="Status">The HTTP status; null when the host could not be reached (refused, reset, timed out).</param>
/// <param name="RetryAfter">The wait the answer asked for (<c>Retry-After</c>, RFC 9110 §10.2.3), if any.</param>
internal readonly record struct DeliveryAnswer(int? Status, TimeSpan? RetryAfter = null)
{
    /// <summary>True for a 2xx answer: the host took the delivery.</summary>
    public bool Accepted => Status is >= 200 and < 300;
}
