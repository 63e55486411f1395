using Spectre.Console;

namespace MlConnector.Cli.Chaos;

/// <summary>Prints a chaos run's summary as JSON (<c>--json</c>) or as tables.</summary>
internal static class ChaosReport
{
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

        foreach (var problem in summary.Problems)
        {
            console.MarkupLine("[red]Problem:[/] " + Markup.Escape(problem));
        }

        console.MarkupLine(summary.Passed
            ? $"[green]Passed[/]: {summary.RecordsExpected} records, 0 duplicated, 0 lost, every visible failure replayed ({summary.ElapsedSeconds} s)."
            : $"[red]Failed[/]: {summary.Duplicated} duplicated, {summary.Lost} lost, {summary.ReplayedSuccessfully} of {summary.FailedVisibly} visible failures replayed ({summary.ElapsedSeconds} s).");
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
