namespace MlConnector.Core.Intake.ShipStation;

/// <summary>What <see cref="ShipStationWebhookRegistration.RegisterAsync"/> did.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Registered">The new subscriptions.</param>
/// <param name="Removed">How many earlier subscriptions of the connection to this host were removed.</param>
public sealed record ShipStationWebhookRegistrationResult(string ConnectionId, IReadOnlyList<ShipStationRegisteredWebhook> Registered, int Removed);
