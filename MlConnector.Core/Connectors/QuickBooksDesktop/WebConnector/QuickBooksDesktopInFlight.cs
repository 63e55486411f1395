using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// The outbox rows of one connection that are still in flight, kept on one row of the connection's outbox partition
/// (row <see cref="RowKey"/>) so that take-next, the pending count and the pending signals are one point read instead of a
/// query of a partition that keeps every answered request. Each entry is a queue row key and its flag:
/// <see cref="Queued"/>, <see cref="Sent"/>, or <see cref="SignalPending"/> (answered or unconfirmed, its workflow not told yet).
/// Rows leave the set when they are answered and told. The set is written in the same entity-group transaction as the
/// queue rows it describes, with this row's ETag, so the two never disagree and two writers cannot both win. Its existence
/// also marks that the connection's one-time index pass has run (rows written before the index are indexed then).
/// </summary>
/// <remarks>
/// The entries are text (<c>{rowKey} {flag}</c> per line) split over properties of at most
/// <see cref="ChunkChars"/> characters, because a string property holds at most 64 KiB and an entity at most 1 MiB
/// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-types).
/// </remarks>
internal sealed class QuickBooksDesktopInFlight
{
    /// <summary>The row key of the set in the outbox partition (queue rows start with a digit, index rows with <c>id|</c>).</summary>
    public const string RowKey = "inflight";

    /// <summary>The flag of a row waiting to be sent.</summary>
    public const char Queued = 'Q';

    /// <summary>The flag of a row handed to QuickBooks and not answered yet.</summary>
    public const char Sent = 'S';

    /// <summary>The flag of a row whose final state is stored but whose waiting workflow has not been told.</summary>
    public const char SignalPending = '!';

    /// <summary>Characters per property: 30,000 UTF-16 characters stay under the 64 KiB limit of a string property.</summary>
    public const int ChunkChars = 30_000;

    /// <summary>Properties at most: 15 × 60 KB stays under the 1 MiB limit of an entity (about 13,000 rows in flight).</summary>
    public const int MaxChunks = 15;

    private const string ChunkPrefix = "Rows";

    private QuickBooksDesktopInFlight(ETag etag, SortedDictionary<string, char> entries)
    {
        ETag = etag;
        Entries = entries;
    }

    /// <summary>Gets the ETag the set was read with (default when it is new).</summary>
    public ETag ETag { get; }

    /// <summary>Gets the entries, ordered by queue row key (the order the queue is sent in).</summary>
    public SortedDictionary<string, char> Entries { get; }

    /// <summary>Gets how many rows wait for an answer (queued or sent).</summary>
    public int PendingCount => Entries.Values.Count(f => f is Queued or Sent);

    /// <summary>Creates an empty set (a connection with nothing in flight, or one being indexed for the first time).</summary>
    /// <returns>The set.</returns>
    public static QuickBooksDesktopInFlight Empty() => new(default, new SortedDictionary<string, char>(StringComparer.Ordinal));

    /// <summary>Reads the set from its row.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The set.</returns>
    public static QuickBooksDesktopInFlight From(TableEntity row)
    {
        var entries = new SortedDictionary<string, char>(StringComparer.Ordinal);
        var text = new StringBuilder();
        for (var i = 0; row.GetString(ChunkPrefix + i.ToString(CultureInfo.InvariantCulture)) is { } chunk; i++)
        {
            text.Append(chunk);
        }

        foreach (var line in text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            entries[line[..^2]] = line[^1];
        }

        return new QuickBooksDesktopInFlight(row.ETag, entries);
    }

    /// <summary>The row to write.</summary>
    /// <param name="partition">The outbox partition.</param>
    /// <returns>The row.</returns>
    /// <exception cref="InvalidOperationException">When the set no longer fits one entity (more than about 13,000 rows in flight).</exception>
    public TableEntity ToEntity(string partition)
    {
        var text = new StringBuilder();
        foreach (var (key, flag) in Entries)
        {
            text.Append(key).Append(' ').Append(flag).Append('\n');
        }

        var row = new TableEntity(partition, RowKey);
        var chunks = (text.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException(
                $"The QuickBooks Desktop outbox holds {PendingCount} requests waiting for the Web Connector, more than one row can track; retry once the Web Connector has taken some.");
        }

        for (var i = 0; i < chunks; i++)
        {
            row[ChunkPrefix + i.ToString(CultureInfo.InvariantCulture)] = text.ToString(i * ChunkChars, Math.Min(ChunkChars, text.Length - (i * ChunkChars)));
        }

        return row;
    }

    /// <summary>The transaction action that writes the set: an insert when it is new, else a replace on its ETag.</summary>
    /// <param name="partition">The outbox partition.</param>
    /// <returns>The action.</returns>
    public TableTransactionAction Write(string partition) => ETag == default
        ? new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition))
        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(partition), ETag);
}
