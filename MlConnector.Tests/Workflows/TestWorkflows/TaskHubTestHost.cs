using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlConnector.Cli.Serve.TaskHub;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>
/// One "serve process" for workflow tests: the Durable Task Framework worker and client of the standalone host
/// (<see cref="TaskHubServiceCollectionExtensions.AddTaskHubWorkflows"/>) over a task hub in the real Azurite, with the
/// test workflows registered. Two hosts with the same prefix share one task hub, like two processes.
/// </summary>
public sealed class TaskHubTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TaskHubTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IWorkflowClient Client => _host.Services.GetRequiredService<IWorkflowClient>();

    public static async Task<TaskHubTestHost> StartAsync(AzuriteFixture azurite, string prefix, WorkflowProbe probe, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            // The shortest allowed, so a "killed" host's messages come back quickly in tests.
            ["Workflows:VisibilityTimeout"] = "00:00:10",
            ["Workflows:LeaseInterval"] = "00:00:10",
            ["Workflows:LeaseRenewInterval"] = "00:00:02",
            ["Workflows:MaxQueuePollingInterval"] = "00:00:00.200",
        });
        builder.Services.AddLogging();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        var tables = new TableProvider(azurite.TableService, new StorageNames(prefix));
        builder.Services.AddSingleton(tables);
        builder.Services.AddSingleton(probe);
        builder.Services.AddSingleton<IIdempotencyLedger>(new TableIdempotencyLedger(tables, TimeProvider.System));
        builder.Services.AddWorkflows();
        builder.Services.AddWorkflow<OrderSyncWorkflow>();
        builder.Services.AddWorkflow<ApprovalWorkflow>();
        builder.Services.AddWorkflow<ReminderWorkflow>();
        builder.Services.AddWorkflowActivity<CreateInvoiceActivity>();
        builder.Services.AddWorkflowActivity<ShipOrderActivity>();
        builder.Services.AddTaskHubWorkflows();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TaskHubTestHost(host);
    }

    /// <summary>Stops the worker without waiting for running work: what a crash leaves behind, minus the process exit.</summary>
    public async Task AbortAsync()
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        await _host.StopAsync(now.Token);
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(grace.Token);
        _host.Dispose();
    }
}
