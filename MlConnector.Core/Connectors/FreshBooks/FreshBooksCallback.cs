namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>A registered webhook callback (python-sdk-fixtures/get_callback_response.json).</summary>
/// <param name="CallbackId">The callback id.</param>
/// <param name="Event">The event, for example <c>invoice.update</c>.</param>
/// <param name="Uri">Where FreshBooks delivers.</param>
/// <param name="Verified">True once the verifier was confirmed.</param>
public sealed record FreshBooksCallback(long CallbackId, string Event, string Uri, bool Verified);
