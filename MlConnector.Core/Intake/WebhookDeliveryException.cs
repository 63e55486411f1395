namespace MlConnector.Core.Intake;

/// <summary>A queue message that cannot be dispatched as it stands: not a delivery, or for a vendor no handler serves. It goes to the poison queue.</summary>
public sealed class WebhookDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookDeliveryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the message.</param>
    public WebhookDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the message.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
