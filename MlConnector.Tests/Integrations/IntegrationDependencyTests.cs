using System.Reflection;
using System.Text.RegularExpressions;
using MlConnector.Core.Connections;
using MlConnector.Tests.Infra;

namespace MlConnector.Tests.Integrations;

/// <summary>
/// The structure rule of DESIGN.md: an integration (<c>MlConnector.Core.Integrations.X</c>) depends on connectors, intake
/// and the platform, never on another integration's folder. Checked twice: by reflection over the compiled Core types of
/// each integration namespace (base types, interfaces, fields, properties, signatures, attributes and method locals, which
/// include the compiler's async state machines and closures), and by a scan of each integration folder's sources for
/// another integration's namespace (a <c>using</c>, a qualified name, or a name relative to <c>MlConnector.Core.Integrations</c>).
/// </summary>
public sealed partial class IntegrationDependencyTests
{
    private const string CoreIntegrations = "MlConnector.Core.Integrations";

    [Fact]
    public void CoreTypes_OfEachIntegration_ReferenceNoTypeOfAnotherIntegration()
    {
        // Act
        var violations = ReferenceViolations(typeof(IntegrationKinds).Assembly, CoreIntegrations);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Sources_OfEachIntegrationFolder_NameNoOtherIntegrationNamespace()
    {
        // Arrange
        var root = RepositoryPaths.Combine("MlConnector.Core", "Integrations");
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().ToList();

        // Act
        var violations = folders
            .SelectMany(folder => Directory.GetFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
                .SelectMany(file => SourceViolations(folder, File.ReadAllText(file), folders).Select(v => $"{Path.GetRelativePath(root, file)}: {v}")))
            .ToList();

        // Assert
        Assert.True(folders.Count >= 2, "Expected at least two integration folders under " + root);
        Assert.Empty(violations);
    }

    [Fact]
    public void ReferenceViolations_TypeReferencingAnotherIntegrationsType_IsReported()
    {
        // Act: the test assembly's sample integrations, where Alpha's type holds a Beta type.
        var violations = ReferenceViolations(typeof(IntegrationDependencyTests).Assembly, typeof(Samples.Alpha.AlphaWorkflow).Namespace![..^".Alpha".Length]);

        // Assert
        var violation = Assert.Single(violations);
        Assert.Contains("AlphaWorkflow", violation, StringComparison.Ordinal);
        Assert.Contains("BetaKeys", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("using MlConnector.Core.Integrations.QboUps;\nnamespace MlConnector.Core.Integrations.ShipStationQbo;")]
    [InlineData("namespace MlConnector.Core.Integrations.ShipStationQbo;\nclass A { object B => QboUps.QboUpsKeys.X; }")]
    [InlineData("namespace MlConnector.Core.Integrations.ShipStationQbo;\nclass A { object B => MlConnector.Core.Integrations.QboUps.QboUpsKeys.X; }")]
    [InlineData("namespace MlConnector.Core.Integrations.ShipStationQbo;\nusing Ups = MlConnector.Core.Integrations.QboUps.QboUpsKeys;")]
    public void SourceViolations_AnotherIntegrationsNamespace_IsReported(string source)
    {
        // Act
        var violations = SourceViolations("ShipStationQbo", source, ["ShipStationQbo", "QboUps"]);

        // Assert
        Assert.NotEmpty(violations);
    }

    [Fact]
    public void SourceViolations_OwnNamespaceAndPlatform_AreNotReported()
    {
        // Arrange
        const string source = "using MlConnector.Core.Intake.QuickBooksOnline;\nusing MlConnector.Core.Integrations.ShipStationQbo.Workflows;\nnamespace MlConnector.Core.Integrations.ShipStationQbo;\n// QboUpsish text in a comment: QboUps is not named as a namespace here.";

        // Act
        var violations = SourceViolations("ShipStationQbo", source, ["ShipStationQbo", "QboUps"]);

        // Assert
        Assert.Empty(violations);
    }

    /// <summary>Every (type, referenced type) pair where an integration namespace under <paramref name="root"/> reaches into another one.</summary>
    private static List<string> ReferenceViolations(Assembly assembly, string root)
    {
        var violations = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            var owner = IntegrationOf(type, root);
            if (owner is null)
            {
                continue;
            }

            foreach (var referenced in ReferencedTypes(type).Distinct())
            {
                var other = IntegrationOf(referenced, root);
                if (other is not null && other != owner)
                {
                    violations.Add($"{type.FullName} ({owner}) references {referenced.FullName} ({other})");
                }
            }
        }

        return violations;
    }

    /// <summary>The integration folder a type belongs to (the namespace segment after <paramref name="root"/>), or null.</summary>
    private static string? IntegrationOf(Type type, string root)
    {
        var ns = type.Namespace;
        if (ns is null || !ns.StartsWith(root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        return ns[(root.Length + 1)..].Split('.')[0];
    }

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            direct.Add(baseType);
        }

        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        direct.AddRange(type.GetFields(all).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        direct.AddRange(type.GetEvents(all).Select(e => e.EventHandlerType).OfType<Type>());
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }

            direct.AddRange(method.GetCustomAttributesData().Select(a => a.AttributeType));
            direct.AddRange(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
        }

        return direct.SelectMany(Unwrap);
    }

    /// <summary>A type with its element and generic argument types (arrays, by-refs, <c>Task&lt;T&gt;</c>, …).</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        yield return type;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return inner;
            }
        }
    }

    /// <summary>Where the source of a file in <paramref name="folder"/> names another integration's namespace.</summary>
    private static List<string> SourceViolations(string folder, string source, IReadOnlyCollection<string> folders)
    {
        var code = CommentPattern().Replace(source, string.Empty);
        var violations = new List<string>();
        foreach (var other in folders.Where(f => f != folder))
        {
            // A qualified name of the other integration's namespace, full or relative to MlConnector.Core.Integrations.
            var pattern = new Regex(@"(?<![\w.])(?:(?:global::)?MlConnector\.Core\.Integrations\.|Integrations\.)?" + Regex.Escape(other) + @"\s*[.;]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            foreach (Match match in pattern.Matches(code))
            {
                violations.Add($"names {other}: '{match.Value.Trim()}'");
            }
        }

        return violations;
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CommentPattern();
}
