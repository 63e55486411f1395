using System.Collections.Concurrent;

namespace MlConnector.Core.Resilience;

/// <summary>
/// Hands out one <see cref="RateGovernor"/> per (connector, key), so all work on a realm or API key shares one budget.
/// Register as a singleton.
/// </summary>
/// <remarks>
/// The registry knows no vendor: every connector registers its own policies with a <see cref="RateLimitPolicyRegistration"/>
/// from its <c>Add…Connector</c> extension (for example <c>qbo</c> and <c>qbo-batch</c> by
/// <c>AddQuickBooksOnlineConnector</c>, <c>shipstation</c> and <c>shipstation-v2</c> by <c>AddShipStationConnector</c>); a
/// connector code nobody registered gets <see cref="RateLimitPolicy.Default"/>. Governors live as long as the registry
/// (one per realm or connection, a bounded set).
/// </remarks>
public sealed class RateGovernorRegistry
{
    private readonly ConcurrentDictionary<RateLimitKey, RateGovernor> _governors = new();
    private readonly Dictionary<string, RateLimitPolicy> _policies;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RateGovernor> _logger;

    /// <summary>Creates the registry.</summary>
    /// <param name="registrations">The connectors' policies; the last one for a connector code wins.</param>
    /// <param name="timeProvider">The clock every governor waits on.</param>
    /// <param name="logger">The governors' logger.</param>
    public RateGovernorRegistry(IEnumerable<RateLimitPolicyRegistration> registrations, TimeProvider timeProvider, ILogger<RateGovernor> logger)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _policies = new Dictionary<string, RateLimitPolicy>(StringComparer.OrdinalIgnoreCase);
        foreach (var registration in registrations)
        {
            _policies[registration.Connector] = registration.Policy;
        }

        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The policy applied to every key of a connector.</summary>
    /// <param name="connector">The connector code.</param>
    /// <returns>The registered policy, or <see cref="RateLimitPolicy.Default"/>.</returns>
    public RateLimitPolicy GetPolicy(string connector) =>
        _policies.TryGetValue(connector, out var policy) ? policy : RateLimitPolicy.Default;

    /// <summary>The governor of a connector's key; the same instance for the same key.</summary>
    /// <param name="connector">The connector code, for example <c>qbo</c>.</param>
    /// <param name="key">The realm, vendor account or connection id; never a secret.</param>
    /// <returns>The shared governor.</returns>
    /// <exception cref="ArgumentException">When either part is empty.</exception>
    public RateGovernor GetGovernor(string connector, string key) => GetGovernor(new RateLimitKey(connector, key));

    /// <summary>The governor of a key; the same instance for the same key.</summary>
    /// <param name="key">The budget's key.</param>
    /// <returns>The shared governor.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="key"/> is null.</exception>
    public RateGovernor GetGovernor(RateLimitKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _governors.GetOrAdd(key, static (k, self) => new RateGovernor(k, self.GetPolicy(k.Connector), self._timeProvider, self._logger), this);
    }
}
