namespace MlConnector.Sandbox.ShipStation;

/// <summary>How the simulator delivers one webhook event to each subscriber.</summary>
public enum ShipStationWebhookDelivery
{
    /// <summary>One POST, as normally.</summary>
    Once = 0,

    /// <summary>The same POST twice: a duplicate delivery.</summary>
    Twice,

    /// <summary>No POST at all: a missed webhook that reconciliation must catch.</summary>
    Drop,
}
