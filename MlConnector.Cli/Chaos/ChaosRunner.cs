using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using MlConnector.Cli.Demo;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// Runs the product under chaos and reconciles every record. The simulators, the OAuth server and Azurite live in this
/// process, so they survive every kill and count every committed write; the host is a <c>mlconnector serve</c> child
/// process on the demo sandbox's storage, set up by the demo's own code (connections, secrets, consent, webhook
/// registrations) through an in-process host that then stops. With the faults on (5xx, 429 with Retry-After, lost
/// responses after the write, stale SyncTokens, webhooks repeated and shuffled, an access-token expiry and a refused
/// refresh with the merchant's re-consent) the records are driven in, the host is SIGKILLed and restarted at random
/// deliveries, and after each phase the run waits until the host has nothing left to do. Then the faults are lifted,
/// poison deliveries and open failures are replayed through the operator routes, and every record is reconciled.
/// </summary>
internal sealed class ChaosRunner(Action<string> step)
{
    public async Task<ChaosSummary> RunAsync(ChaosOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var integrations = ChaosIntegrations.Create(options.Integrations, random);
        AzuriteEmulator? azurite = null;
        if (options.StorageConnectionString is null)
        {
            step("Starting Azurite (in this process, so it outlives every kill of the host)");
            azurite = await AzuriteEmulator.StartAsync(null, AzuriteLayout.ProcessPerService, cancellationToken);
        }

        try
        {
            var storage = new Dictionary<string, string?> { [$"{StorageOptions.SectionName}:ConnectionString"] = options.StorageConnectionString ?? azurite!.ConnectionString };
            if (options.StoragePrefix is not null)
            {
                storage[$"{StorageOptions.SectionName}:TablePrefix"] = options.StoragePrefix;
            }

            await using var sandbox = await DemoSandbox.StartAsync(step, cancellationToken, b => b.Configuration.AddInMemoryCollection(storage));
            return await RunAsync(sandbox, integrations, options, random, clock, cancellationToken);
        }
        finally
        {
            foreach (var integration in integrations)
            {
                await integration.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Sets every integration up on the in-process demo host (<paramref name="options"/>' records split evenly among them),
    /// then hands the port and storage to a <c>mlconnector serve</c> child with the integrations' settings and runs.
    /// </summary>
    private async Task<ChaosSummary> RunAsync(DemoSandbox sandbox, IReadOnlyList<IChaosIntegration> integrations, ChaosOptions options, Random random, Stopwatch clock, CancellationToken cancellationToken)
    {
        for (var i = 0; i < integrations.Count; i++)
        {
            var share = (options.Records / integrations.Count) + (i < options.Records % integrations.Count ? 1 : 0);
            step($"Setting up {integrations[i].Integration} for {share} records");
            await integrations[i].SetUpAsync(sandbox, share, cancellationToken);
        }

        var settings = ServeProcess.SettingsOf(sandbox.Host.Services.GetRequiredService<IConfiguration>());
        foreach (var (key, value) in integrations.SelectMany(i => i.HostSettings))
        {
            settings[key] = value;
        }

        settings["Retention:" + nameof(WorkflowRetentionOptions.WorkflowHistory)] = options.WorkflowRetention.ToString("c", CultureInfo.InvariantCulture);
        settings["Schedules:" + WorkflowHistoryPurgeJob.JobName] = options.WorkflowPurgeSchedule;
        foreach (var category in (string[])["Default", "Microsoft", "Polly", "Azure", "DurableTask", "System.Net.Http.HttpClient"])
        {
            settings["Logging:LogLevel:" + category] = "Critical";
        }

        var port = sandbox.Host.BaseAddress.Port;
        await sandbox.Host.DisposeAsync();
        step("Starting mlconnector serve as a child process on the sandbox's storage and port");
        await using var host = new ChaosHost(port, settings, options.ServeAssemblyPath, options.HostStartLimit, step);
        await host.StartAsync(cancellationToken);
        return await new ChaosRun(sandbox, host, integrations, options, random, step).RunAsync(clock, cancellationToken);
    }
}
