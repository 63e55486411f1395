namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// One change to a QBO entity, as a webhook (legacy <c>eventNotifications</c> or CloudEvents) or Change Data Capture
/// reports it: which entity, which id, what happened. It carries no field values; the entity is read by GET.
/// </summary>
/// <param name="RealmId">The company (legacy <c>realmId</c>; CloudEvents <c>intuitaccountid</c>).</param>
/// <param name="EntityName">The entity name as QBO spells it, for example <c>PurchaseOrder</c> (CloudEvents <c>qbo.purchaseorder.created.v1</c> is normalised to it).</param>
/// <param name="EntityId">The entity id (legacy <c>id</c>; CloudEvents <c>intuitentityid</c>).</param>
/// <param name="Operation">The operation as the legacy format spells it: <c>Create</c>, <c>Update</c>, <c>Delete</c>, <c>Merge</c>, <c>Void</c> or <c>Emailed</c>.</param>
/// <param name="OccurredUtc">When the change happened (legacy <c>lastUpdated</c>, CloudEvents <c>time</c>, CDC <c>MetaData.LastUpdatedTime</c>), UTC; null when not given.</param>
/// <param name="EventId">A stable id of the event, used to suppress redeliveries: CloudEvents <c>id</c>, or for the legacy format and CDC a key built from realm, entity, id, operation and time.</param>
/// <remarks>Source: PROTOCOL-NOTES.md §2 (legacy and CloudEvents payloads, CDC); contracts/quickbooks-online/webhooks/.</remarks>
public sealed record QboEntityChange(
    string RealmId,
    string EntityName,
    string EntityId,
    string Operation,
    DateTimeOffset? OccurredUtc,
    string EventId);
