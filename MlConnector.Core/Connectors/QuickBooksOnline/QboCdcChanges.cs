namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>What one Change Data Capture request found.</summary>
/// <param name="Changes">One change per changed entity (its latest state): <c>Delete</c> when QBO returned it with
/// <c>status: "Deleted"</c>, <c>Create</c> when its <c>MetaData.CreateTime</c> equals its <c>LastUpdatedTime</c>, otherwise
/// <c>Update</c>. The event id is <see cref="Webhooks.QboChangeOperations.EventIdFor"/>, the same a legacy webhook
/// notification of that change gets.</param>
/// <param name="ServerTimeUtc">QBO's <c>time</c> of the response, UTC, or null when absent.</param>
/// <param name="ObjectCount">How many objects the response held; QBO returns at most <see cref="QuickBooksOnlineClient.MaxCdcObjects"/>, so a
/// response that full may have left changes out (query a shorter period).</param>
public sealed record QboCdcChanges(IReadOnlyList<QboEntityChange> Changes, DateTimeOffset? ServerTimeUtc, int ObjectCount);
