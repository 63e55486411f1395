using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Auth;

/// <summary>
/// One account's token-request count for one UTC day, in the <c>Tokens</c> table:
/// PartitionKey = <c>quota|{provider}|{accountKey}</c>, RowKey = <c>yyyyMMdd</c>. Incremented with ETag checks.
/// </summary>
internal sealed class OAuthQuotaEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Token requests made (or reserved) on this UTC day.</summary>
    public int Count { get; set; }
}
