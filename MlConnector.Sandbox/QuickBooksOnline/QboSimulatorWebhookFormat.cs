namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>The payload format of a simulated webhook delivery (PROTOCOL-NOTES.md §2).</summary>
public enum QboSimulatorWebhookFormat
{
    /// <summary><c>{"eventNotifications":[{"realmId","dataChangeEvent":{"entities":[…]}}]}</c>, <c>application/json</c>.</summary>
    Legacy,

    /// <summary>A JSON array of CloudEvents (<c>qbo.&lt;entity&gt;.&lt;operation&gt;.v1</c>), <c>application/cloudevents+json</c>.</summary>
    CloudEvents,
}
