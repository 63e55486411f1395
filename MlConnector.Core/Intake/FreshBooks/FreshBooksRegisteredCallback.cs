namespace MlConnector.Core.Intake.FreshBooks;

/// <summary>One callback registered with FreshBooks.</summary>
/// <param name="Event">The event, for example <c>invoice.update</c>.</param>
/// <param name="CallbackId">FreshBooks' callback id.</param>
public sealed record FreshBooksRegisteredCallback(string Event, long CallbackId);
