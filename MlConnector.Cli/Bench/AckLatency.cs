namespace MlConnector.Cli.Bench;

/// <summary>Bench (c): one route's acknowledgement latency at a fixed request rate, measured from each request's scheduled send time.</summary>
/// <param name="Route">The route: <c>bare</c>, <c>bare-write</c>, <c>shipstation</c>, <c>ups</c> or <c>qbo</c>.</param>
/// <param name="Requests">Requests sent.</param>
/// <param name="Failures">Requests answered other than 2xx, or not answered.</param>
/// <param name="P50Ms">Median, ms.</param>
/// <param name="P95Ms">95th percentile, ms.</param>
/// <param name="P99Ms">99th percentile, ms.</param>
/// <param name="P99ToBare">This route's p99 over the bare endpoint's p99 (the target: at most 3).</param>
/// <param name="P99ToBareWrite">
/// This route's p99 over the p99 of the bare endpoint that also writes once (<see cref="BenchWriteOnceEndpoint"/>): how much
/// the route adds to the one durable write every recorded acknowledgement needs; 0 for the two bare routes.
/// </param>
internal sealed record AckLatency(string Route, int Requests, int Failures, double P50Ms, double P95Ms, double P99Ms, double P99ToBare, double P99ToBareWrite = 0);
