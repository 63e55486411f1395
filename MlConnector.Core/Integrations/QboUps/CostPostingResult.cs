namespace MlConnector.Core.Integrations.QboUps;

/// <summary>The QBO entity carrying a shipment's cost.</summary>
/// <param name="EntityName"><c>Bill</c> or <c>JournalEntry</c>.</param>
/// <param name="EntityId">Its QBO Id.</param>
/// <param name="Created">False when it already existed.</param>
public sealed record CostPostingResult(string EntityName, string EntityId, bool Created);
