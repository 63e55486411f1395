using System.Globalization;
using System.Text;

namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>
/// The subset of QBO's query language the simulator understands:
/// <c>SELECT * | count(*) FROM Entity [WHERE Property = value | Property IN (value, …) [AND …]] [STARTPOSITION n] [MAXRESULTS m]</c>.
/// Keywords are case-insensitive, the entity name is case-sensitive, values are <c>'quoted'</c> (backslash escapes the next
/// character), <c>true</c>/<c>false</c> or numbers (developer.intuit.com … data-queries; blogs.intuit.com/2017/02/08/deep-dive-sql-queries).
/// </summary>
internal sealed class QboSimulatorQuery
{
    private QboSimulatorQuery(bool isCount, string entity, List<QboSimulatorCondition> conditions, int startPosition, int? maxResults)
    {
        IsCount = isCount;
        Entity = entity;
        Conditions = conditions;
        StartPosition = startPosition;
        MaxResults = maxResults;
    }

    public bool IsCount { get; }

    public string Entity { get; }

    public IReadOnlyList<QboSimulatorCondition> Conditions { get; }

    public int StartPosition { get; }

    public int? MaxResults { get; }

    public static QboSimulatorQuery? Parse(string? text, out string error)
    {
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The query is empty.";
            return null;
        }

        List<string> tokens;
        try
        {
            tokens = Tokenize(text);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }

        var position = 0;
        string? Next() => position < tokens.Count ? tokens[position++] : null;
        string? Peek() => position < tokens.Count ? tokens[position] : null;
        bool Keyword(string? token, string keyword) => token is not null && string.Equals(token, keyword, StringComparison.OrdinalIgnoreCase);

        if (!Keyword(Next(), "select"))
        {
            error = "Expected SELECT.";
            return null;
        }

        bool isCount;
        var what = Next();
        if (what == "*")
        {
            isCount = false;
        }
        else if (Keyword(what, "count") && Next() == "(" && Next() == "*" && Next() == ")")
        {
            isCount = true;
        }
        else
        {
            error = "Only SELECT * and SELECT count(*) are supported.";
            return null;
        }

        if (!Keyword(Next(), "from") || Next() is not { } entity || !IsIdentifier(entity))
        {
            error = "Expected FROM Entity.";
            return null;
        }

        var conditions = new List<QboSimulatorCondition>();
        if (Keyword(Peek(), "where"))
        {
            position++;
            do
            {
                var property = Next();
                var op = Next();
                if (property is null || !IsIdentifier(property) || op is null)
                {
                    error = "Expected Property = value.";
                    return null;
                }

                if (op == "=")
                {
                    if (!TryValue(Next(), out var value))
                    {
                        error = $"Expected a value after {property} =.";
                        return null;
                    }

                    conditions.Add(new QboSimulatorCondition(property, [value]));
                }
                else if (Keyword(op, "in") && Next() == "(")
                {
                    var values = new List<string>();
                    while (true)
                    {
                        if (!TryValue(Next(), out var value))
                        {
                            error = $"Expected a value in {property} IN (…).";
                            return null;
                        }

                        values.Add(value);
                        var separator = Next();
                        if (separator == ")")
                        {
                            break;
                        }

                        if (separator != ",")
                        {
                            error = "Expected , or ) in IN (…).";
                            return null;
                        }
                    }

                    conditions.Add(new QboSimulatorCondition(property, values));
                }
                else
                {
                    error = $"The simulator supports only = and IN, not '{op}'.";
                    return null;
                }
            }
            while (Keyword(Peek(), "and") && Next() is not null);
        }

        var start = 1;
        int? max = null;
        while (Peek() is { } clause)
        {
            position++;
            if ((Keyword(clause, "startposition") || Keyword(clause, "maxresults"))
                && int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                if (Keyword(clause, "startposition"))
                {
                    start = number;
                }
                else
                {
                    max = number;
                }
            }
            else
            {
                error = $"Unexpected '{clause}'.";
                return null;
            }
        }

        return new QboSimulatorQuery(isCount, entity, conditions, start, max);
    }

    private static bool TryValue(string? token, out string value)
    {
        value = string.Empty;
        if (token is null || token is "(" or ")" or "," or "=")
        {
            return false;
        }

        // Quoted strings come out of the tokenizer with a leading marker so they cannot be confused with keywords.
        value = token[0] == '\u0001' ? token[1..] : token;
        return true;
    }

    private static bool IsIdentifier(string token) =>
        token.Length > 0 && token[0] != '\u0001' && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_');

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var value = new StringBuilder("\u0001");
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("Unterminated quoted value.");
                    }

                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        value.Append(text[i + 1]);
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        value.Append(text[i++]);
                    }
                }

                tokens.Add(value.ToString());
            }
            else if (c is '(' or ')' or ',' or '*' or '=')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '<' or '>')
            {
                var op = i + 1 < text.Length && text[i + 1] == '=' ? text.Substring(i, 2) : c.ToString();
                tokens.Add(op);
                i += op.Length;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '=' or '\'' or '<' or '>'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }
}
