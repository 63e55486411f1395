using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using MlConnector.Cli.Serve.TaskHub;
using MlConnector.Core.Diagnostics;
using MlConnector.Core.Hosting;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Integrations.QboEvents;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Operations;
using MlConnector.Core.Storage;

namespace MlConnector.Cli.Serve;

/// <summary>
/// The standalone host: Kestrel with the routes the Functions app exposes, hosted cron timers and the workflows on the
/// Durable Task Framework (task hub in the configured storage), all over Core. Starts Azurite when no storage is configured.
/// </summary>
internal sealed class StandaloneHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AzuriteEmulator? _azurite;
    private int _disposed;

    private StandaloneHost(WebApplication app, AzuriteEmulator? azurite)
    {
        _app = app;
        _azurite = azurite;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The base address Kestrel listens on (the real port when 0 was asked for).</summary>
    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>True when this host started its own Azurite.</summary>
    public bool StartedAzurite => _azurite is not null;

    public static async Task<StandaloneHost> StartAsync(ServeSettings settings, string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("MLCONNECTOR_");
        configure?.Invoke(builder);

        AzuriteEmulator? azurite = null;
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{StorageOptions.SectionName}:ConnectionString"])
            && string.IsNullOrWhiteSpace(builder.Configuration[$"{StorageOptions.SectionName}:TableServiceUri"]))
        {
            azurite = await AzuriteEmulator.StartAsync(settings.AzuriteDataDirectory, cancellationToken);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{StorageOptions.SectionName}:ConnectionString"] = azurite.ConnectionString,
            });
        }

        try
        {
            builder.WebHost.UseUrls(settings.Urls);
            builder.Services.AddMlConnectorCore(builder.Configuration);
            builder.Services.AddCronScheduler();
            builder.Services.AddTaskHubWorkflows();

            var app = builder.Build();
            MapRoutes(app);
            await app.StartAsync(cancellationToken);
            return new StandaloneHost(app, azurite);
        }
        catch
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            throw;
        }
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the host and the Azurite it started; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private static void MapRoutes(WebApplication app)
    {
        app.MapHealthChecks("/api/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });

        // Vendor webhooks: authenticated by the vendor's signature or the URL secret, never by loopback.
        app.MapPost("/api/webhooks/shipstation/{connectionId}/{secret}", (ShipStationWebhookApi api, string connectionId, string secret, HttpRequest request, CancellationToken ct) => api.ReceiveAsync(connectionId, secret, request, ct));
        app.MapPost("/api/webhooks/ups/{connectionId}/{secret}", (UpsTrackAlertWebhookApi api, string connectionId, string secret, HttpRequest request, CancellationToken ct) => api.ReceiveAsync(connectionId, secret, request, ct));
        app.MapPost("/api/webhooks/qbo", (QboWebhookApi api, HttpRequest request, CancellationToken ct) => api.ReceiveAsync(request, ct));

        // OAuth consent: the merchant's browser follows these, so they are not loopback-only.
        app.MapGet("/api/oauth/{provider}/connect/{connectionId}", (OAuthConnectApi api, string provider, string connectionId, CancellationToken ct) => api.ConnectAsync(provider, connectionId, ct));
        app.MapGet("/api/oauth/{provider}/callback", (OAuthConnectApi api, string provider, HttpRequest request, CancellationToken ct) => api.CallbackAsync(provider, request.Query, ct));

        // Operator API: loopback callers only on this host (the Functions app protects the same routes with function keys).
        var operators = app.MapGroup("/api").AddEndpointFilter(LoopbackOnlyFilter.InvokeAsync);
        operators.MapGet("/connections", (ConnectionsApi api, string? kind, CancellationToken ct) => api.ListAsync(kind, ct));
        operators.MapPost("/connections", (ConnectionsApi api, HttpRequest request, CancellationToken ct) => api.CreateAsync(request, ct));
        operators.MapGet("/connections/{id}", (ConnectionsApi api, string id, CancellationToken ct) => api.GetAsync(id, ct));
        operators.MapPut("/connections/{id}", (ConnectionsApi api, string id, HttpRequest request, CancellationToken ct) => api.UpdateAsync(id, request, ct));
        operators.MapPost("/connections/{id}/pause", (ConnectionsApi api, string id, string? reason, CancellationToken ct) => api.PauseAsync(id, reason, ct));
        operators.MapPost("/connections/{id}/resume", (ConnectionsApi api, string id, CancellationToken ct) => api.ResumeAsync(id, ct));
        operators.MapGet("/workflows", (WorkflowsApi api, string? status, string? connectionId, CancellationToken ct) => api.ListAsync(status, connectionId, ct));
        operators.MapGet("/workflows/{instanceId}", (WorkflowsApi api, string instanceId, CancellationToken ct) => api.GetAsync(instanceId, ct));
        operators.MapPost("/workflows/{instanceId}/replay", (WorkflowsApi api, string instanceId, CancellationToken ct) => api.ReplayAsync(instanceId, ct));
        operators.MapPost("/connections/{id}/backfill", (ShipStationQboBackfillApi api, string id, HttpRequest request, CancellationToken ct) => api.StartAsync(id, request, ct));
        operators.MapGet("/connections/{id}/backfill", (ShipStationQboBackfillApi api, string id, CancellationToken ct) => api.GetAsync(id, ct));
        operators.MapGet("/connections/{id}/audit", (ConnectionsApi api, string id, HttpRequest request, CancellationToken ct) => api.QueryAuditAsync(id, request.Query, ct));
    }
}
