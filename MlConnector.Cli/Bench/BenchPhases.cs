using System.CommandLine;

namespace MlConnector.Cli.Bench;

/// <summary>
/// The phases of <c>mlconnector bench</c> and its <c>--only</c> option: (a, b, f) <see cref="Throughput"/>, (d)
/// <see cref="WriteBack"/>, (c) <see cref="Ack"/> and (e) <see cref="Rss"/>, run in that order. Each phase stands alone
/// on the sandbox, so <c>--only rss</c> runs the RSS phase without pushing orders through first.
/// </summary>
internal static class BenchPhases
{
    /// <summary>(a, b, f) ShipStation → QBO orders/min, vendor requests per order and 429s over <c>--orders</c> orders.</summary>
    public const string Throughput = "throughput";

    /// <summary>(d) Event → write-back latency with 50 ms vendor latency.</summary>
    public const string WriteBack = "writeback";

    /// <summary>(c) Webhook ack latency per route next to the bare endpoint.</summary>
    public const string Ack = "ack";

    /// <summary>(e) A fresh serve process's peak RSS at N and 10×N records.</summary>
    public const string Rss = "rss";

    /// <summary>Every phase, in the order a run takes them.</summary>
    public static readonly IReadOnlyList<string> All = [Throughput, WriteBack, Ack, Rss];

    /// <summary>The <c>--only</c> option: one or more phase names (repeated or space-separated); any other name is a parse error.</summary>
    /// <returns>A new option.</returns>
    public static Option<string[]> CreateOption()
    {
        var only = new Option<string[]>("--only")
        {
            Description = $"Run only these phases: {string.Join(", ", All)} (default: all). Each runs on its own: --only rss pushes no orders first.",
            AllowMultipleArgumentsPerToken = true,
        };
        only.AcceptOnlyFromAmong([.. All]);
        return only;
    }

    /// <summary>The phases to run for an <c>--only</c> value, in run order.</summary>
    /// <param name="only">The names given; null or empty: every phase.</param>
    /// <returns>The selected phases, each once, in the order of <see cref="All"/>.</returns>
    public static IReadOnlyList<string> Select(IReadOnlyCollection<string>? only) =>
        only is null or { Count: 0 } ? All : [.. All.Where(phase => only.Contains(phase, StringComparer.OrdinalIgnoreCase))];
}
