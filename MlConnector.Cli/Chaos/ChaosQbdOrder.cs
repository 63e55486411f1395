using MlConnector.Sandbox.ShipStation;

namespace MlConnector.Cli.Chaos;

/// <summary>One order of the QuickBooks Desktop ↔ ShipStation chaos and what its QuickBooks transaction must hold.</summary>
/// <param name="Draft">The order as imported into ShipStation.</param>
/// <param name="Amount">The invoice subtotal QuickBooks must hold (each line's quantity × rate, rounded to cents).</param>
internal sealed record ChaosQbdOrder(ShipStationOrderDraft Draft, decimal Amount)
{
    public string OrderNumber => Draft.OrderNumber;

    /// <summary>Its shipments' tracking numbers: each must be in the transaction's memo exactly once.</summary>
    public List<string> TrackingNumbers { get; } = [];

    /// <summary>The business keys of the open failures that can be about it (its notifications and shipments).</summary>
    public List<string> BusinessKeys { get; } = [];
}
