using System.Xml;
using System.Xml.Schema;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Cli.Serve;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Intake;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Cli;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QbdShipStation;

/// <summary>
/// The real standalone host on Azurite (its workflows on the Durable Task Framework, its webhook intake) with the
/// <c>qbd-shipstation</c> demo sandbox beside it: a ShipStation simulator and a simulated Web Connector whose QuickBooks
/// checks every request against the qbXML 16.0 XSDs. Both schedules of the integration are moved out of the way, so the
/// tests run the poll and the Web Connector at the moments they assert on.
/// </summary>
internal sealed class QbdShipStationRig : IAsyncDisposable
{
    public const string ConnectionId = QbdShipStationDemoSandbox.ConnectionId;

    public const string UserNameOf = QbdShipStationDemoSandbox.UserName;

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, ContractFiles.PathOf("quickbooks-desktop/qbxml-xsd/16.0/qbxmlops160.xsd"));
        set.Compile();
        return set;
    });

    private QbdShipStationRig(StandaloneHost host, QbdShipStationDemoSandbox sandbox)
    {
        Host = host;
        Sandbox = sandbox;
    }

    public StandaloneHost Host { get; }

    public QbdShipStationDemoSandbox Sandbox { get; }

    public IWorkflowClient Workflows => Host.Services.GetRequiredService<IWorkflowClient>();

    /// <summary>Starts the host and the sandbox; <paramref name="time"/> replaces the host's clock (the alert evaluation schedule is then moved out of the way too).</summary>
    public static async Task<QbdShipStationRig> StartAsync(AzuriteFixture azurite, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Schedules:QbdShipStationPoll"] = "0 0 0 1 1 *",
            ["Schedules:QbdInventoryReconcile"] = "0 0 0 1 1 *",
        };
        Action<IServiceCollection>? services = null;
        if (time is { } clock)
        {
            settings["Schedules:AlertEvaluation"] = "0 0 0 1 1 *";
            services = s => s.AddSingleton(clock);
        }

        var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix(), settings, services: services);
        try
        {
            return new QbdShipStationRig(host, await QbdShipStationDemoSandbox.StartAsync(host, Schemas.Value, CancellationToken.None));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public static ShipStationOrderDraft Draft(string orderNumber, string customer, params (string Sku, int Quantity, decimal Price)[] lines) => new(orderNumber)
    {
        CustomerName = customer,
        CustomerEmail = customer.Replace(' ', '.').ToLowerInvariant() + "@example.com",
        Items = [.. lines.Select(l => new ShipStationOrderItem(l.Sku, l.Sku + " product", l.Quantity, l.Price))],
    };

    /// <summary>Waits until the intake dispatched every recorded delivery.</summary>
    public async Task WaitForIntakeAsync()
    {
        var intake = Host.Services.GetRequiredService<WebhookIntake>();
        await WorkflowWait.UntilAsync(async () => (await intake.CountAsync()).Pending == 0);
    }

    /// <summary>Runs the Web Connector every 100 ms until every instance has finished (at most 60 runs).</summary>
    public async Task<IReadOnlyList<WorkflowInstanceStatus>> RunUntilFinishedAsync(params string[] instanceIds)
    {
        var finished = new List<WorkflowInstanceStatus>();
        var settled = await Sandbox.RunWebConnectorUntilAsync(
            async () =>
            {
                finished.Clear();
                foreach (var id in instanceIds)
                {
                    if (await Workflows.GetStatusAsync(id) is { RuntimeStatus: WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed } status)
                    {
                        finished.Add(status);
                    }
                }

                return finished.Count == instanceIds.Length;
            },
            maxRuns: 60,
            TimeSpan.FromMilliseconds(100),
            CancellationToken.None);
        Assert.True(settled, $"Not finished after 60 Web Connector runs: {string.Join(", ", instanceIds.Except(finished.Select(f => f.InstanceId)))}");
        return finished;
    }

    public static string ShipmentInstance(ShipStationShipment shipment) => QbdShipStationKeys.ShipmentInstance(ConnectionId, shipment.ShipmentId);

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        await Host.DisposeAsync();
    }
}
