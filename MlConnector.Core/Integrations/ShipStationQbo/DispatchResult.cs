namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>What a fetched notification (or reconciliation page) led to.</summary>
/// <param name="Found">Orders or shipments the resource listed.</param>
/// <param name="Started">Workflows started for them.</param>
/// <param name="Duplicates">Ones already synced or in progress (suppressed).</param>
/// <param name="Skipped">Ones not synced on purpose (cancelled orders, voided labels).</param>
public sealed record DispatchResult(int Found, int Started, int Duplicates, int Skipped)
{
    /// <summary>Adds two results.</summary>
    /// <param name="other">The other result.</param>
    /// <returns>The sum.</returns>
    public DispatchResult Add(DispatchResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Found + other.Found, Started + other.Started, Duplicates + other.Duplicates, Skipped + other.Skipped);
    }
}
