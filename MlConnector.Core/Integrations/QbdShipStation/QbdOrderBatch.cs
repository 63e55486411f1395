namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>Orders to check against QuickBooks Desktop together (workflow input): the lists are fetched once for the batch.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="OrderNumbers">The order numbers (saved in <see cref="QbdOrderStore"/>).</param>
/// <param name="ByName">
/// True to ask QuickBooks for just the batch's customers and items by full name (one small query each, used for a single
/// order met at ship time); false to read the whole customer and item lists with iterators, once for the batch.
/// </param>
public sealed record QbdOrderBatch(string ConnectionId, IReadOnlyList<string> OrderNumbers, bool ByName = false);
