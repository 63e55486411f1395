namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>How a change reached ml-connector.</summary>
public enum QboChangeChannel
{
    /// <summary>A webhook delivery (legacy or CloudEvents).</summary>
    Webhook,

    /// <summary>A Change Data Capture reconcile pass.</summary>
    Cdc,
}
