namespace MlConnector.Sandbox.FreshBooks;

/// <summary>How the simulator delivers an event to the verified callbacks that listen for it.</summary>
public enum FreshBooksWebhookDelivery
{
    /// <summary>Delivered once, signed.</summary>
    Once,

    /// <summary>Never delivered (FreshBooks delivery is not guaranteed; the poll must find it).</summary>
    Drop,

    /// <summary>Delivered twice with the same fields (a redelivery).</summary>
    Twice,

    /// <summary>Delivered once, signed, after <see cref="FreshBooksSimulator.DeliveryDelay"/> (delivery takes seconds to minutes, PROTOCOL-NOTES §4).</summary>
    Delayed,

    /// <summary>Delivered once with a wrong signature (a forgery).</summary>
    Forged,
}
