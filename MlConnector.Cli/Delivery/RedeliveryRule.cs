namespace MlConnector.Cli.Delivery;

/// <summary>Decides, after a try that was not accepted, whether and when a delivery is sent again.</summary>
/// <param name="answer">The try's answer.</param>
/// <param name="tries">Tries made so far, this one included (1 after the first).</param>
/// <param name="elapsed">Time since the first try started.</param>
/// <returns>The wait before the next try (zero: at once), or null to give the delivery up.</returns>
internal delegate TimeSpan? RedeliveryRule(DeliveryAnswer answer, int tries, TimeSpan elapsed);
