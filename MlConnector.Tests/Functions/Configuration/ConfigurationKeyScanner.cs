using System.Text.RegularExpressions;

namespace MlConnector.Tests.Functions.Configuration;

/// <summary>
/// Finds, without Roslyn, the configuration keys that source code reads, and the keys that
/// local.settings.sample.json and the Bicep app settings provide. What counts as a read:
/// <list type="bullet">
/// <item>an options class's settable properties under its <c>SectionName = "…"</c> (one type per file);</item>
/// <item>a <c>%Key%</c> binding expression in a C# string literal (<c>[TimerTrigger("%Schedules:X%")]</c>) or in host.json;</item>
/// <item><c>GetSection</c>, <c>GetRequiredSection</c>, <c>GetValue&lt;T&gt;</c>, <c>GetConnectionString</c> and
/// <c>configuration[…]</c> with a string literal or a <c>Type.Constant</c> declared in the scanned files.</item>
/// </list>
/// A read key is provided by an equal key or by any key below it (<c>Storage</c> by <c>Storage:TablePrefix</c>).
/// Keys compare case-insensitively, with <c>__</c> read as <c>:</c>, as .NET configuration does.
/// </summary>
internal static partial class ConfigurationKeyScanner
{
    public static IReadOnlyList<ConfigurationKeyUse> ScanCSharp(IEnumerable<(string Path, string Source)> files)
    {
        var sources = files.ToList();
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, source) in sources)
        {
            var type = System.IO.Path.GetFileNameWithoutExtension(path);
            foreach (Match m in ConstantDeclaration().Matches(source))
            {
                constants[type + "." + m.Groups["name"].Value] = m.Groups["value"].Value;
            }
        }

        var uses = new List<ConfigurationKeyUse>();
        foreach (var (path, source) in sources)
        {
            var section = SectionName().Match(source);
            if (section.Success)
            {
                foreach (Match property in SettableProperty().Matches(source))
                {
                    uses.Add(new(section.Groups["value"].Value + ":" + property.Groups["name"].Value, path));
                }
            }

            foreach (Match m in BindingExpression().Matches(source))
            {
                uses.Add(new(m.Groups["key"].Value, path));
            }

            foreach (Match m in ConfigurationRead().Matches(source))
            {
                var key = m.Groups["literal"].Success ? m.Groups["literal"].Value : Resolve(m.Groups["constant"].Value, constants);
                if (key is null)
                {
                    continue;
                }

                uses.Add(new(m.Groups["method"].Value == "GetConnectionString" ? "ConnectionStrings:" + key : key, path));
            }
        }

        return uses.Select(u => u with { Key = Normalize(u.Key) }).Distinct().ToList();
    }

    public static IReadOnlyList<ConfigurationKeyUse> ScanHostJson(string path, string json)
        => BindingExpression().Matches(json).Select(m => new ConfigurationKeyUse(Normalize(m.Groups["key"].Value), path)).Distinct().ToList();

    public static IReadOnlySet<string> ReadLocalSettingsKeys(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .Select(p => Normalize(p.Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Keys of the <c>var appSettings = { … }</c> object in a Bicep file.</summary>
    /// <exception cref="InvalidOperationException">When the file has no such object.</exception>
    public static IReadOnlySet<string> ReadBicepAppSettingKeys(string bicep)
    {
        var block = BicepAppSettings().Match(bicep);
        if (!block.Success)
        {
            throw new InvalidOperationException("No 'var appSettings = { ... }' object found.");
        }

        return BicepObjectKey().Matches(block.Groups["body"].Value)
            .Select(m => Normalize(m.Groups["key"].Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The uses that no provided key satisfies.</summary>
    public static IReadOnlyList<ConfigurationKeyUse> Missing(IEnumerable<ConfigurationKeyUse> uses, IReadOnlySet<string> provided)
        => uses.Where(u => !provided.Any(p => string.Equals(p, u.Key, StringComparison.OrdinalIgnoreCase)
                                              || p.StartsWith(u.Key + ":", StringComparison.OrdinalIgnoreCase)))
            .ToList();

    public static string Normalize(string key) => key.Replace("__", ":", StringComparison.Ordinal);

    private static string? Resolve(string reference, Dictionary<string, string> constants)
    {
        var parts = reference.Split('.');
        return parts.Length >= 2 && constants.TryGetValue(parts[^2] + "." + parts[^1], out var value) ? value : null;
    }

    [GeneratedRegex(@"const\s+string\s+(?<name>\w+)\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex ConstantDeclaration();

    [GeneratedRegex(@"SectionName\s*=\s*""(?<value>[^""]+)""")]
    private static partial Regex SectionName();

    [GeneratedRegex(@"public\s+(?:required\s+)?[\w<>\[\]?,.\s]+?\s+(?<name>\w+)\s*\{\s*get;\s*(?:set|init);")]
    private static partial Regex SettableProperty();

    [GeneratedRegex(@"""%(?<key>[A-Za-z][\w:.\-]*)%""")]
    private static partial Regex BindingExpression();

    [GeneratedRegex(@"(?:\b(?<method>GetSection|GetRequiredSection|GetConnectionString|GetValue<[^>]+>)\(\s*|\b_?[Cc]onfiguration\[\s*)(?:""(?<literal>[^""]+)""|(?<constant>[A-Z]\w*(?:\.\w+)+))")]
    private static partial Regex ConfigurationRead();

    [GeneratedRegex(@"^var\s+appSettings\s*=\s*\{(?<body>.*?)^\}", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex BicepAppSettings();

    [GeneratedRegex(@"^\s*'?(?<key>[A-Za-z_][\w:.\-]*)'?\s*:", RegexOptions.Multiline)]
    private static partial Regex BicepObjectKey();
}
