using MlConnector.Core.Workflows;
using Spectre.Console;

namespace MlConnector.Cli.Demo;

/// <summary>The demo's progress lines, and its one way of waiting for workflows: poll their status with a time limit, no fixed sleeps.</summary>
internal sealed class DemoProgress(IAnsiConsole console, TimeSpan? minimumWait = null)
{
    /// <summary>The least the demo waits for one group of workflows.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(5);

    /// <summary>
    /// What each instance in a group adds to the wait: the sandbox holds QBO to its published 500 requests/min per
    /// company, about 110 orders/min here (docs/performance.md), so 0.6 s per instance leaves room to spare.
    /// </summary>
    public static readonly TimeSpan WaitPerInstance = TimeSpan.FromSeconds(0.6);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(400);

    public void Step(string text) => console.MarkupLine("[grey]•[/] " + Markup.Escape(text));

    public void Done(string text) => console.MarkupLine("[green]✓[/] " + Markup.Escape(text));

    /// <summary>How long the demo waits for a group of <paramref name="count"/> instances.</summary>
    public TimeSpan LimitFor(int count) => (minimumWait ?? WaitLimit) + (WaitPerInstance * count);

    /// <summary>Polls until every instance is Completed or Failed, showing how many are done.</summary>
    /// <exception cref="TimeoutException">After <see cref="LimitFor"/>, naming what it waited for and what is not done.</exception>
    public async Task WaitForAsync(string what, IReadOnlyList<string> instanceIds, IWorkflowClient client, CancellationToken cancellationToken)
    {
        var limit = LimitFor(instanceIds.Count);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var pending = new HashSet<string>(instanceIds, StringComparer.Ordinal);
        try
        {
            await console.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(what), maxValue: instanceIds.Count);
                while (true)
                {
                    foreach (var id in pending.ToList())
                    {
                        if ((await client.GetStatusAsync(id, timeout.Token))?.RuntimeStatus is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed)
                        {
                            pending.Remove(id);
                        }
                    }

                    task.Value = instanceIds.Count - pending.Count;
                    if (pending.Count == 0)
                    {
                        return;
                    }

                    await Task.Delay(PollInterval, timeout.Token);
                }
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Gave up after {limit.TotalMinutes:0.#} minutes waiting for \"{what}\": {instanceIds.Count - pending.Count} of {instanceIds.Count} workflows finished; "
                + $"still running: {string.Join(", ", pending.Order(StringComparer.Ordinal).Take(5))}{(pending.Count > 5 ? $" and {pending.Count - 5} more" : string.Empty)}.");
        }

        Done($"{what}: {instanceIds.Count} done");
    }
}
