namespace MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;

/// <summary>
/// The operations of a QBO entity change, spelled as the legacy webhook format spells them, and the mapping from the
/// CloudEvents verbs (<c>created</c>, <c>updated</c>, <c>deleted</c>, <c>merged</c>, <c>voided</c>, <c>emailed</c>).
/// </summary>
/// <remarks>Source: PROTOCOL-NOTES.md §2 (legacy payload operations; CloudEvents <c>type</c> <c>qbo.&lt;entity&gt;.&lt;operation&gt;.v1</c>).</remarks>
public static class QboChangeOperations
{
    /// <summary>The entity was created.</summary>
    public const string Create = "Create";

    /// <summary>The entity was changed.</summary>
    public const string Update = "Update";

    /// <summary>The entity was deleted (CDC returns it with <c>status: "Deleted"</c>).</summary>
    public const string Delete = "Delete";

    /// <summary>The entity was merged into another.</summary>
    public const string Merge = "Merge";

    /// <summary>The transaction was voided.</summary>
    public const string Void = "Void";

    /// <summary>The transaction was e-mailed.</summary>
    public const string Emailed = "Emailed";

    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["create"] = Create, ["created"] = Create,
        ["update"] = Update, ["updated"] = Update,
        ["delete"] = Delete, ["deleted"] = Delete,
        ["merge"] = Merge, ["merged"] = Merge,
        ["void"] = Void, ["voided"] = Void,
        ["emailed"] = Emailed,
    };

    /// <summary>Returns the legacy spelling of an operation (<c>created</c> → <c>Create</c>).</summary>
    /// <param name="operation">The operation as a payload carries it.</param>
    /// <returns>The legacy spelling; an operation not listed is returned with its first letter upper-cased.</returns>
    /// <exception cref="ArgumentException">When <paramref name="operation"/> is null or white space.</exception>
    public static string Normalize(string operation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        var trimmed = operation.Trim();
        return Known.TryGetValue(trimmed, out var known) ? known : char.ToUpperInvariant(trimmed[0]) + trimmed[1..];
    }

    /// <summary>
    /// The stable event id of a legacy notification or a CDC finding, which carry none of their own:
    /// <c>{realmId}|{entity}|{entityId}|{operation}|{time as yyyyMMddTHHmmss.fffZ or "-"}</c>. A legacy notification and
    /// the CDC finding for the same change have the same id, so the one that comes second is suppressed.
    /// </summary>
    /// <param name="realmId">The company.</param>
    /// <param name="entityName">QBO's entity name.</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="operation">The legacy operation name.</param>
    /// <param name="occurredUtc">When it happened, or null.</param>
    /// <returns>The event id.</returns>
    public static string EventIdFor(string realmId, string entityName, string entityId, string operation, DateTimeOffset? occurredUtc) =>
        string.Join(
            '|',
            realmId,
            entityName,
            entityId,
            operation,
            occurredUtc?.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture) ?? "-");
}
