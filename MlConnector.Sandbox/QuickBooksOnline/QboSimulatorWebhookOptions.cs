namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>How <see cref="QuickBooksOnlineSimulator.SendWebhooksAsync"/> delivers the pending changes.</summary>
public sealed record QboSimulatorWebhookOptions
{
    /// <summary>The payload format. Default legacy.</summary>
    public QboSimulatorWebhookFormat Format { get; init; } = QboSimulatorWebhookFormat.Legacy;

    /// <summary>How deliveries are signed. Default valid.</summary>
    public QboSimulatorWebhookSignature Signature { get; init; } = QboSimulatorWebhookSignature.Valid;

    /// <summary>Changes for which this returns true are dropped: never delivered, so only CDC can find them.</summary>
    public Func<QboSimulatorChange, bool>? Drop { get; init; }

    /// <summary>When true, each delivery carries one realm only; otherwise realms are bundled (both formats allow several). Default false.</summary>
    public bool OneRealmPerDelivery { get; init; }

    /// <summary>Events per delivery at most. Default 100, CloudEvents' maximum (PROTOCOL-NOTES.md §2).</summary>
    public int MaxEventsPerDelivery { get; init; } = 100;
}
