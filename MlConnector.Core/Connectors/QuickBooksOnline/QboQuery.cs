namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// Builds statements of QBO's query language: <c>SELECT * | count(*) FROM Entity [WHERE Property = 'value' [AND …]]
/// [STARTPOSITION n] [MAXRESULTS m]</c> (developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/data-queries).
/// </summary>
public static class QboQuery
{
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
