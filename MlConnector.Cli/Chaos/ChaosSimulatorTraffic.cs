using MlConnector.Sandbox;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// One simulator's traffic in a chaos run (<see cref="SimulatorFaults"/>): how many requests the host made to it, how many
/// it refused by the vendor's published limits, and the faults injected on it, so a slow integration can be told apart
/// from one held back by its vendor's budget.
/// </summary>
/// <param name="Simulator">Which simulator: <c>qbo</c>, <c>shipstation</c>, <c>ups</c> (shared), <c>freshbooks</c>, <c>sps</c>, <c>qbd-shipstation:shipstation</c>.</param>
/// <param name="Requests">Requests it received, faulted or not.</param>
/// <param name="LimitedByVendor">Requests it answered 429 itself, enforcing the vendor's limits (not injected).</param>
/// <param name="InjectedServerErrors">Injected 5xx answers.</param>
/// <param name="InjectedRateLimits">Injected 429 answers with Retry-After.</param>
/// <param name="LostResponses">Committed writes whose answer was dropped.</param>
internal sealed record ChaosSimulatorTraffic(string Simulator, int Requests, int LimitedByVendor, int InjectedServerErrors, int InjectedRateLimits, int LostResponses)
{
    /// <summary>The traffic <paramref name="faults"/> counted so far.</summary>
    public static ChaosSimulatorTraffic Of(string simulator, SimulatorFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return new(simulator, faults.Requests, faults.LimitedByVendor, faults.ServerErrors, faults.RateLimits, faults.LostResponses);
    }
}
