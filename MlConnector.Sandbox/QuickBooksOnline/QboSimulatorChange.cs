namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>One create, update or delete the simulator recorded, through the API or a seeding helper.</summary>
/// <param name="Sequence">Its position in the simulator's change log (1 for the first).</param>
/// <param name="RealmId">The company.</param>
/// <param name="EntityName">The entity name, for example <c>PurchaseOrder</c>.</param>
/// <param name="EntityId">The entity id.</param>
/// <param name="Operation">The legacy-format operation: <c>Create</c>, <c>Update</c> or <c>Delete</c>.</param>
/// <param name="LastUpdated">The entity's <c>MetaData.LastUpdatedTime</c> after the change (the deletion time for a delete), as QBO writes it.</param>
public sealed record QboSimulatorChange(long Sequence, string RealmId, string EntityName, string EntityId, string Operation, string LastUpdated);
