using MlConnector.Core.Integrations.ShipStationQbo;
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
    public Task WaitForAsync(string what, IReadOnlyList<string> instanceIds, IWorkflowClient client, CancellationToken cancellationToken) =>
        WaitUntilAsync(what, instanceIds, "workflows", (pending, ct) => FinishedAsync(pending, id => id, client, ct), cancellationToken);

    /// <summary>
    /// Polls until every order is invoiced in QBO or its own workflow has finished (a failed order ends there, Failed). The
    /// orders of a page are invoiced in batched chunks, so an order has a workflow of its own only when it came alone or failed.
    /// </summary>
    /// <exception cref="TimeoutException">After <see cref="LimitFor"/>, naming what it waited for and which orders are not done.</exception>
    public Task WaitForOrdersAsync(string what, string connectionId, IReadOnlyList<string> orderNumbers, Func<IReadOnlySet<string>> invoiced, IWorkflowClient client, CancellationToken cancellationToken) =>
        WaitForDoneAsync(what, orderNumbers, "orders", invoiced, o => ShipStationQboKeys.OrderInstance(connectionId, o), client, cancellationToken);

    /// <summary>
    /// Waits until each shipment is on its invoice (its tracking number in QBO; a page of shipments is applied by a chunk
    /// workflow) or its own workflow has finished (a shipment handed off by its chunk, or a single webhook's).
    /// </summary>
    public Task WaitForShipmentsAsync(string what, IReadOnlyDictionary<string, string> instanceByTracking, Func<IReadOnlySet<string>> appliedTracking, IWorkflowClient client, CancellationToken cancellationToken) =>
        WaitForDoneAsync(what, [.. instanceByTracking.Keys], "shipments", appliedTracking, t => instanceByTracking[t], client, cancellationToken);

    private Task WaitForDoneAsync(string what, IReadOnlyList<string> keys, string noun, Func<IReadOnlySet<string>> done, Func<string, string> instanceOf, IWorkflowClient client, CancellationToken cancellationToken) =>
        WaitUntilAsync(
            what,
            keys,
            noun,
            async (pending, ct) =>
            {
                var seen = done();
                var open = pending.Where(k => !seen.Contains(k)).ToList();
                var finished = await FinishedAsync(open, instanceOf, client, ct);
                return [.. pending.Where(seen.Contains), .. finished];
            },
            cancellationToken);

    private static async Task<List<string>> FinishedAsync(IEnumerable<string> keys, Func<string, string> instanceOf, IWorkflowClient client, CancellationToken cancellationToken)
    {
        var finished = new List<string>();
        foreach (var key in keys)
        {
            if ((await client.GetStatusAsync(instanceOf(key), cancellationToken))?.RuntimeStatus is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed)
            {
                finished.Add(key);
            }
        }

        return finished;
    }

    private async Task WaitUntilAsync(string what, IReadOnlyList<string> keys, string noun, Func<IReadOnlyCollection<string>, CancellationToken, Task<List<string>>> finishedOf, CancellationToken cancellationToken)
    {
        var limit = LimitFor(keys.Count);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var pending = new HashSet<string>(keys, StringComparer.Ordinal);
        try
        {
            await console.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(what), maxValue: keys.Count);
                while (true)
                {
                    foreach (var key in await finishedOf(pending.ToList(), timeout.Token))
                    {
                        pending.Remove(key);
                    }

                    task.Value = keys.Count - pending.Count;
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
                $"Gave up after {limit.TotalMinutes:0.#} minutes waiting for \"{what}\": {keys.Count - pending.Count} of {keys.Count} {noun} finished; "
                + $"still running: {string.Join(", ", pending.Order(StringComparer.Ordinal).Take(5))}{(pending.Count > 5 ? $" and {pending.Count - 5} more" : string.Empty)}.");
        }

        Done($"{what}: {keys.Count} done");
    }
}
