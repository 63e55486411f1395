using MlConnector.Core.Connections;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// Every integration the chaos run can drive, by kind (<c>--integrations</c> picks a subset; all by default). One line per
/// integration: its kind and how to make its <see cref="IChaosIntegration"/> from the run's random source.
/// </summary>
internal static class ChaosIntegrations
{
    /// <summary>The registered integrations, in the order they are set up and reported.</summary>
    public static IReadOnlyList<(string Kind, Func<Random, IChaosIntegration> Create)> All { get; } =
    [
        (IntegrationKinds.ShipStationQbo, random => new ShipStationQboChaos(random)),
        (IntegrationKinds.QboSps, random => new QboSpsChaos(random)),
        (IntegrationKinds.QbdShipStation, random => new QbdShipStationChaos(random)),
        (IntegrationKinds.FreshBooksUps, random => new FreshBooksUpsChaos(random)),
        (IntegrationKinds.QboUps, random => new QboUpsChaos(random)),
    ];

    /// <summary>The kinds of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Kinds => [.. All.Select(i => i.Kind)];

    /// <summary>Makes the integrations <paramref name="kinds"/> names (every registered one when null or empty), each with its own seeded random source.</summary>
    /// <exception cref="ArgumentException">When a kind is not registered.</exception>
    public static IReadOnlyList<IChaosIntegration> Create(IReadOnlyList<string>? kinds, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var unknown = kinds?.Where(k => !Kinds.Contains(k, StringComparer.Ordinal)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"No chaos for integration(s) {string.Join(", ", unknown)}; registered: {string.Join(", ", Kinds)}.", nameof(kinds));
        }

        return [.. All.Where(i => kinds is null || kinds.Count == 0 || kinds.Contains(i.Kind, StringComparer.Ordinal)).Select(i => i.Create(new Random(random.Next())))];
    }
}
