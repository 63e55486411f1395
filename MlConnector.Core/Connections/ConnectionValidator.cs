using System.Text.RegularExpressions;
using Cronos;

namespace MlConnector.Core.Connections;

/// <summary>
/// Checks a <see cref="Connection"/> against its <see cref="IntegrationKinds"/> definition and reports every
/// problem, each naming its field.
/// </summary>
public static partial class ConnectionValidator
{
    /// <summary>
    /// Words that mark a setting name as a credential. Settings are stored in plain table rows, so a credential
    /// there would leak; it belongs in the secret store.
    /// </summary>
    private static readonly string[] SecretWords = ["secret", "password", "token", "apikey", "api_key", "privatekey", "credential", "shippernumber", "accountnumber"];

    /// <summary>Validates a connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <exception cref="ConnectionValidationException">With every problem found.</exception>
    public static void Validate(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var problems = new List<ConnectionProblem>();

        if (string.IsNullOrEmpty(connection.Id) || !IdPattern().IsMatch(connection.Id))
        {
            problems.Add(new("id", "must be 3–63 lowercase letters, digits or hyphens, starting with a letter or digit"));
        }

        if (!IntegrationKinds.All.TryGetValue(connection.Kind ?? string.Empty, out var kind))
        {
            problems.Add(new("kind", $"must be one of {string.Join(", ", IntegrationKinds.All.Keys)}"));
            throw new ConnectionValidationException(problems);
        }

        if (connection.DisplayName.Length > 200)
        {
            problems.Add(new("displayName", "must be at most 200 characters"));
        }

        foreach (var system in connection.Settings.Keys.Where(s => kind.Systems.All(d => d.Code != s)))
        {
            problems.Add(new($"settings.{system}", $"is not a system of {kind.Id} (expected {string.Join(" or ", kind.Systems.Select(s => s.Code))})"));
        }

        foreach (var system in kind.Systems)
        {
            var values = connection.Settings.TryGetValue(system.Code, out var v) ? v : new Dictionary<string, string>();
            ValidateSystem(system, values, problems);
        }

        foreach (var (table, entries) in connection.Mappings)
        {
            if (string.IsNullOrWhiteSpace(table))
            {
                problems.Add(new("mappings", "has a table with an empty name"));
                continue;
            }

            foreach (var (source, target) in entries)
            {
                if (string.IsNullOrWhiteSpace(source))
                {
                    problems.Add(new($"mappings.{table}", "has an entry with an empty source value"));
                }
                else if (string.IsNullOrWhiteSpace(target))
                {
                    problems.Add(new($"mappings.{table}.{source}", "has an empty target"));
                }
            }
        }

        foreach (var (name, cron) in connection.Schedules)
        {
            if (TryParseCron(cron) is null)
            {
                problems.Add(new($"schedules.{name}", $"'{cron}' is not a cron expression (5 fields, or 6 with seconds)"));
            }
        }

        if (problems.Count > 0)
        {
            throw new ConnectionValidationException(problems);
        }
    }

    /// <summary>Parses a cron expression with 5 fields, or 6 when the first is seconds.</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>The parsed expression, or null when invalid.</returns>
    public static CronExpression? TryParseCron(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        var format = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.TryParse(expression, format, out var parsed) ? parsed : null;
    }

    private static void ValidateSystem(SystemDefinition system, IReadOnlyDictionary<string, string> values, List<ConnectionProblem> problems)
    {
        foreach (var (name, value) in values)
        {
            var field = $"settings.{system.Code}.{name}";
            var definition = system.Settings.FirstOrDefault(s => s.Name == name);
            if (definition is null)
            {
                var compact = name.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
                problems.Add(SecretWords.Any(w => compact.Contains(w, StringComparison.Ordinal))
                    ? new(field, "looks like a credential; credentials go to the secret store, never into connection settings")
                    : new(field, $"is not a setting of {system.Code} (known: {string.Join(", ", system.Settings.Select(s => s.Name))})"));
                continue;
            }

            var error = CheckValue(definition, value);
            if (error is not null)
            {
                problems.Add(new(field, error));
            }
        }

        foreach (var missing in system.Settings.Where(s => s.Required && !values.ContainsKey(s.Name)))
        {
            problems.Add(new($"settings.{system.Code}.{missing.Name}", $"is required ({missing.Description})"));
        }
    }

    private static string? CheckValue(SettingDefinition definition, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "must not be empty";
        }

        if (value.Length > 256)
        {
            return "must be at most 256 characters";
        }

        return definition.Type switch
        {
            SettingType.Digits when !value.All(char.IsAsciiDigit) => $"must be digits only, got '{value}'",
            SettingType.Url when !Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) =>
                $"must be an absolute http(s) URL, got '{value}'",
            SettingType.Boolean when value is not ("true" or "false") => $"must be true or false, got '{value}'",
            SettingType.PositiveDecimal when !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0 =>
                $"must be a positive number such as 2.5, got '{value}'",
            SettingType.Choice when definition.Choices is not null && !definition.Choices.Contains(value) =>
                $"must be one of {string.Join(", ", definition.Choices)}, got '{value}'",
            _ => null,
        };
    }

    /// <summary>True when <paramref name="id"/> has the form of a connection id (3–63 lowercase ASCII letters, digits and hyphens, not starting with a hyphen).</summary>
    /// <param name="id">The id, for example from a route.</param>
    /// <returns>Whether a connection could have this id.</returns>
    public static bool IsValidId(string? id) => !string.IsNullOrEmpty(id) && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,62}$")]
    private static partial Regex IdPattern();
}
