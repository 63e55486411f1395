using MlConnector.Core.Workflows;
using Spectre.Console;

namespace MlConnector.Cli.Demo;

/// <summary>The demo's progress lines, and its one way of waiting for workflows: poll their status with a time limit, no fixed sleeps.</summary>
internal sealed class DemoProgress(IAnsiConsole console)
{
    /// <summary>The longest the demo waits for one group of workflows.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(400);

    public void Step(string text) => console.MarkupLine("[grey]•[/] " + Markup.Escape(text));

    public void Done(string text) => console.MarkupLine("[green]✓[/] " + Markup.Escape(text));

    /// <summary>Polls until every instance is Completed or Failed, showing how many are done.</summary>
    /// <exception cref="OperationCanceledException">After <see cref="WaitLimit"/>.</exception>
    public async Task WaitForAsync(string what, IReadOnlyList<string> instanceIds, IWorkflowClient client, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WaitLimit);
        await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(what), maxValue: instanceIds.Count);
            while (true)
            {
                var done = 0;
                foreach (var id in instanceIds)
                {
                    if ((await client.GetStatusAsync(id, timeout.Token))?.RuntimeStatus is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed)
                    {
                        done++;
                    }
                }

                task.Value = done;
                if (done == instanceIds.Count)
                {
                    return;
                }

                await Task.Delay(PollInterval, timeout.Token);
            }
        });
        Done($"{what}: {instanceIds.Count} done");
    }
}
