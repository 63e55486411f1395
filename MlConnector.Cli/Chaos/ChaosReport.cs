using Spectre.Console;

namespace MlConnector.Cli.Chaos;

/// <summary>Prints a chaos run's summary as JSON (<c>--json</c>) or as tables.</summary>
internal static class ChaosReport
{
    /// <summary>Visible failures listed one by one in the table (all of them are in <c>--json</c>).</summary>
    public const int FailureRows = 25;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string ToJson(ChaosSummary summary) => JsonSerializer.Serialize(summary, Json);

    public static void WriteTable(IAnsiConsole console, ChaosSummary summary)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(summary);
        var records = new Table().AddColumns("integration", "records", "synced once", "duplicated", "lost", "failed visibly", "with what to fix", "replayed OK", "unaccounted before replay");
        foreach (var i in summary.Integrations)
        {
            records.AddRow(i.Integration, N(i.Records), N(i.SyncedExactlyOnce), N(i.Duplicated), N(i.Lost), N(i.FailedVisibly), N(i.FailedVisiblyWithWhatToFix), N(i.ReplayedSuccessfully), N(i.UnaccountedBeforeReplay));
        }

        console.Write(records);
        var faults = new Table().AddColumns("fault injected", "count");
        foreach (var property in typeof(ChaosFaultCounts).GetProperties())
        {
            faults.AddRow(property.Name, N((int)property.GetValue(summary.Faults)!));
        }

        console.Write(faults);
        foreach (var fix in summary.Integrations.SelectMany(i => i.WhatToFix))
        {
            console.MarkupLine($"[yellow]{fix.Value}×[/] {Markup.Escape(fix.Key)}");
        }

        WriteFailures(console, [.. summary.Integrations.SelectMany(i => i.Failures)]);

        foreach (var problem in summary.Problems)
        {
            console.MarkupLine("[red]Problem:[/] " + Markup.Escape(problem));
        }

        console.MarkupLine(summary.Passed
            ? $"[green]Passed[/]: {summary.RecordsExpected} records, 0 duplicated, 0 lost, every visible failure replayed ({summary.ElapsedSeconds} s)."
            : $"[red]Failed[/]: {summary.Duplicated} duplicated, {summary.Lost} lost, {summary.ReplayedSuccessfully} of {summary.FailedVisibly} visible failures replayed ({summary.ElapsedSeconds} s).");
    }

    /// <summary>The visible failures one by one (record, kind, workflow, replayed, message), the first <see cref="FailureRows"/>.</summary>
    private static void WriteFailures(IAnsiConsole console, IReadOnlyList<ChaosVisibleFailure> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("record", "kind", "workflow", "replayed", "message");
        foreach (var f in failures.Take(FailureRows))
        {
            table.AddRow(Markup.Escape(f.Record), Markup.Escape(f.ErrorKind), Markup.Escape(f.Workflow), f.Replayed ? "yes" : "[red]no[/]", Markup.Escape(f.Detail));
        }

        console.Write(table);
        if (failures.Count > FailureRows)
        {
            console.MarkupLine($"… and {N(failures.Count - FailureRows)} more visible failures (every one is in --json).");
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
