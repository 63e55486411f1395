using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>
/// One "process": a DI container with the workflow client and runner over the given (real, Azurite) tables.
/// Two hosts over the same tables behave like two runner processes.
/// </summary>
public sealed class WorkflowTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private WorkflowTestHost(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    public IWorkflowClient Client => _services.GetRequiredService<IWorkflowClient>();

    public TableWorkflowRunner Runner => _services.GetRequiredService<TableWorkflowRunner>();

    public FakeLogCollector Logs => _services.GetFakeLogCollector();

    public static WorkflowTestHost Create(TableProvider tables, FakeTimeProvider time, WorkflowProbe probe, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(tables);
        services.AddSingleton(probe);
        services.AddSingleton<IIdempotencyLedger>(new TableIdempotencyLedger(tables, time));
        services.AddWorkflows();
        services.AddWorkflow<OrderSyncWorkflow>();
        services.AddWorkflow<ApprovalWorkflow>();
        services.AddWorkflow<ReminderWorkflow>();
        services.AddWorkflowActivity<CreateInvoiceActivity>();
        services.AddWorkflowActivity<ShipOrderActivity>();
        configure?.Invoke(services);
        return new WorkflowTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
