namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// Builds statements of QBO's query language: <c>SELECT * | count(*) FROM Entity [WHERE Property = 'value' [AND …]]
/// [STARTPOSITION n] [MAXRESULTS m]</c> (developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/data-queries).
/// </summary>
public static class QboQuery
{
    /// <summary>
    /// The most values one <see cref="SelectIn"/> statement carries here: 100. Intuit publishes no limit for <c>IN</c>; a
    /// query is a GET with the statement in the URI, and 100 quoted document numbers or e-mail addresses stay a few KiB,
    /// far inside common URI limits, while one statement still answers a whole page of a ShipStation list (up to 100 at
    /// the default page size). QBO returns at most 1,000 rows per query (MAXRESULTS; data-queries page), more than 100 keys
    /// match in practice (a DocNumber or e-mail shared by a few records at most), and paging covers the rest.
    /// </summary>
    public const int MaxInValues = 100;

    /// <summary>
    /// Quotes a string value for a WHERE clause: wraps it in single quotes and escapes backslash and apostrophe with a
    /// backslash, so <c>O'Brien</c> becomes <c>'O\'Brien'</c> ("Use backslash (\) to escape special characters like
    /// apostrophe", Intuit, blogs.intuit.com/2017/02/08/deep-dive-sql-queries). The statement is URL-encoded separately.
    /// </summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The quoted literal.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="value"/> is null.</exception>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (c is '\\' or '\'')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>Builds <c>select * from {entity}[ where {property} = 'value'[ and …]]</c>.</summary>
    /// <param name="entity">The entity name, case-sensitive as QBO requires (<c>Invoice</c>, <c>Customer</c>…).</param>
    /// <param name="equals">Property/value pairs joined with AND (QBO has no OR); values are quoted with <see cref="Literal"/>.</param>
    /// <returns>The statement without paging.</returns>
    /// <exception cref="ArgumentException">When <paramref name="entity"/> or a property name is not a plain (dotted) identifier.</exception>
    public static string SelectAll(string entity, params (string Property, string Value)[] equals)
    {
        ArgumentNullException.ThrowIfNull(equals);
        RequireIdentifier(entity, nameof(entity));
        var builder = new StringBuilder("select * from ").Append(entity);
        for (var i = 0; i < equals.Length; i++)
        {
            RequireIdentifier(equals[i].Property, nameof(equals));
            builder.Append(i == 0 ? " where " : " and ").Append(equals[i].Property).Append(" = ").Append(Literal(equals[i].Value));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Builds <c>select * from {entity} where {property} in ('a', 'b', …)</c>: QBO's <c>IN</c> operator, "(Value [,Value])
    /// … only supported for IN clauses" (Intuit, data-queries page). Intuit documents no cap on the number of values; the
    /// statement travels in the query URI, so callers keep lists to <see cref="MaxInValues"/>.
    /// </summary>
    /// <param name="entity">The entity name (<c>Invoice</c>, <c>Customer</c>…).</param>
    /// <param name="property">The property (<c>DocNumber</c>, <c>PrimaryEmailAddr</c>, <c>DisplayName</c>, <c>Id</c>…).</param>
    /// <param name="values">One or more values, each quoted with <see cref="Literal"/>.</param>
    /// <returns>The statement without paging.</returns>
    /// <exception cref="ArgumentException">When there are no values, or a name is not a plain (dotted) identifier.</exception>
    public static string SelectIn(string entity, string property, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        RequireIdentifier(entity, nameof(entity));
        RequireIdentifier(property, nameof(property));
        var list = string.Join(", ", values.Select(Literal));
        return list.Length == 0
            ? throw new ArgumentException("An IN clause needs at least one value.", nameof(values))
            : $"select * from {entity} where {property} in ({list})";
    }

    /// <summary>Appends a page: <c>{statement} STARTPOSITION {start} MAXRESULTS {max}</c> (positions are 1-based).</summary>
    /// <param name="statement">A statement without paging.</param>
    /// <param name="startPosition">The 1-based position of the first row.</param>
    /// <param name="maxResults">The page size.</param>
    /// <returns>The paged statement.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When a number is not positive.</exception>
    public static string Page(string statement, int startPosition, int maxResults)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(startPosition);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResults);
        return $"{statement} STARTPOSITION {startPosition} MAXRESULTS {maxResults}";
    }

    private static void RequireIdentifier(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.')
            {
                throw new ArgumentException($"'{value}' is not a QBO entity or property name.", parameterName);
            }
        }
    }
}
