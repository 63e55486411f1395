namespace MlConnector.Core.Intake.FreshBooks;

/// <summary>What <see cref="FreshBooksCallbackRegistration.RegisterAsync"/> did.</summary>
/// <param name="Uri">The delivery URL registered, <c>{publicBaseUrl}api/webhooks/freshbooks/{connectionId}</c>.</param>
/// <param name="Registered">The new callbacks: event and callback id. Each is confirmed once FreshBooks delivers its verifier.</param>
/// <param name="Removed">How many earlier callbacks to the same URL were deleted.</param>
public sealed record FreshBooksCallbackRegistrationResult(string Uri, IReadOnlyList<FreshBooksRegisteredCallback> Registered, int Removed);
