namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>What one dispatch of fetched ShipStation documents started.</summary>
/// <param name="Found">Documents found.</param>
/// <param name="Started">Workflows started.</param>
/// <param name="Duplicates">Work already started (a redelivery, or the poll finding it again).</param>
/// <param name="Skipped">Cancelled orders and voided labels.</param>
public sealed record QbdDispatchResult(int Found, int Started, int Duplicates, int Skipped)
{
    /// <summary>Adds two results.</summary>
    /// <param name="other">The other result.</param>
    /// <returns>The sum.</returns>
    public QbdDispatchResult Add(QbdDispatchResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Found + other.Found, Started + other.Started, Duplicates + other.Duplicates, Skipped + other.Skipped);
    }
}
