namespace MlConnector.Cli.Bench;

/// <summary>Bench (d): from an ORDER_NOTIFY delivery to its invoice in QBO, with every simulated vendor answering after a fixed latency.</summary>
/// <param name="Events">Orders delivered, one per delivery.</param>
/// <param name="Completed">Orders whose invoice appeared within the limit.</param>
/// <param name="VendorLatencyMs">The simulators' added latency per request, ms.</param>
/// <param name="P50Ms">Median, ms.</param>
/// <param name="P95Ms">95th percentile, ms.</param>
/// <param name="MaxMs">Slowest, ms.</param>
internal sealed record WriteBackLatency(int Events, int Completed, int VendorLatencyMs, double P50Ms, double P95Ms, double MaxMs);
