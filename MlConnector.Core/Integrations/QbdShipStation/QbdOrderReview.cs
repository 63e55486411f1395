namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>Where an order stands against QuickBooks Desktop's customer and item lists.</summary>
public enum QbdOrderReview
{
    /// <summary>Not checked yet.</summary>
    Pending,

    /// <summary>QuickBooks knows its customer and every item.</summary>
    Valid,

    /// <summary>Its customer or an item is unknown to QuickBooks: flagged for manual review; nothing is created for it.</summary>
    NeedsReview,
}
