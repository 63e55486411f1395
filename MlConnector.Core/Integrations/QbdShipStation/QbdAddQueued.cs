namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>Whether this run queued the order's add (activity output).</summary>
/// <param name="Queued">True when this run's add is queued; false when another run's add for the order is (re-query instead: it is answered after that add).</param>
/// <param name="HeldBy">The request id of the other run's add, when not queued.</param>
public sealed record QbdAddQueued(bool Queued, string? HeldBy);
