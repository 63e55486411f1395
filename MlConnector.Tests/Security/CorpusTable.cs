namespace MlConnector.Tests.Security;

/// <summary>
/// The corpus section of docs/reliability.md, rendered from <see cref="BadInputCorpus"/>: the webhook routes as a
/// case × route matrix, the operator routes as a route × case matrix; each cell is the status the route must answer.
/// </summary>
public static class CorpusTable
{
    public const string Begin = "<!-- corpus-table:begin (written by BadInputCorpusTests; regenerate with MLC_WRITE_RELIABILITY=1) -->";
    public const string End = "<!-- corpus-table:end -->";

    public static string Render(IReadOnlyList<BadInputCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var text = new StringBuilder();
        text.AppendLine(Begin);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{cases.Count} cases. Each is sent over loopback to a running `serve` host; each must get the status below, record no delivery, start no workflow, write no audit row, and leave `/api/health` answering 200.");
        text.AppendLine();
        text.AppendLine("### Webhook routes");
        text.AppendLine();
        var webhooks = cases.Where(c => BadInputCorpus.WebhookRoutes.Contains(c.Route)).ToList();
        Matrix(text, "case", webhooks.Select(c => c.Case).Distinct().ToList(), BadInputCorpus.WebhookRoutes, webhooks.ToDictionary(c => (c.Case, c.Route), c => c.Status));
        text.AppendLine();
        text.AppendLine("### Operator routes");
        text.AppendLine();
        var operators = cases.Where(c => !BadInputCorpus.WebhookRoutes.Contains(c.Route)).ToList();
        Matrix(text, "route", BadInputCorpus.OperatorRoutes.Select(BadInputCorpus.OperatorRouteName).ToList(), operators.Select(c => c.Case).Distinct().ToList(), operators.ToDictionary(c => (c.Route, c.Case), c => c.Status));
        text.AppendLine();
        text.Append(End);
        return text.ToString();
    }

    /// <summary>Replaces the section between <see cref="Begin"/> and <see cref="End"/> (or appends it after the heading).</summary>
    public static string Replace(string document, string table)
    {
        ArgumentNullException.ThrowIfNull(document);
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        if (begin >= 0 && end > begin)
        {
            return document[..begin] + table + document[(end + End.Length)..];
        }

        const string Placeholder = "(The corpus table lands here.)";
        return document.Contains(Placeholder, StringComparison.Ordinal)
            ? document.Replace(Placeholder, table, StringComparison.Ordinal)
            : throw new InvalidOperationException("docs/reliability.md has neither the corpus markers nor the placeholder.");
    }

    /// <summary>The section as the document holds it now, or null.</summary>
    public static string? Current(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        return begin >= 0 && end > begin ? document[begin..(end + End.Length)] : null;
    }

    private static void Matrix(StringBuilder text, string corner, IReadOnlyList<string> rows, IReadOnlyList<string> columns, Dictionary<(string Row, string Column), int> cells)
    {
        text.Append("| ").Append(corner).Append(" | ").AppendJoin(" | ", columns).AppendLine(" |");
        text.Append("| --- |").AppendJoin(string.Empty, columns.Select(_ => " --- |")).AppendLine();
        foreach (var row in rows)
        {
            text.Append("| ").Append(row).Append(" |");
            foreach (var column in columns)
            {
                text.Append(' ').Append(cells.TryGetValue((row, column), out var status) ? status.ToString(CultureInfo.InvariantCulture) : "–").Append(" |");
            }

            text.AppendLine();
        }
    }
}
