using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using MlConnector.Cli.Serve.TaskHub;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Diagnostics;
using MlConnector.Core.Hosting;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.FreshBooks;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Intake.Ups;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Operations;
using MlConnector.Core.Storage;

namespace MlConnector.Cli.Serve;

/// <summary>
/// The standalone host: Kestrel with the routes the Functions app exposes, hosted cron timers, the webhook intake's
/// dispatcher (a poller of the delivery queue) and the workflows on the Durable Task Framework (task hub in the configured
/// storage), all over Core. Starts Azurite when no storage is configured.
/// </summary>
internal sealed class StandaloneHost : IAsyncDisposable
{
    /// <summary>
    /// The bench-only setting that maps <c>POST /api/bench/bare</c>, a route that only answers 200 (the baseline of webhook ack
    /// latency), and <c>POST /api/bench/bare-write</c>, the same plus one queue write (<see cref="Bench.BenchWriteOnceEndpoint"/>).
    /// </summary>
    public const string BenchBareEndpointSetting = "Bench:BareEndpoint";

    private readonly WebApplication _app;
    private readonly AzuriteEmulator? _azurite;
    private int _disposed;

    private readonly string? _operatorToken;

    private StandaloneHost(WebApplication app, AzuriteEmulator? azurite, string? operatorToken)
    {
        _app = app;
        _azurite = azurite;
        _operatorToken = operatorToken;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The base address Kestrel listens on (the real port when 0 was asked for).</summary>
    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The operator API's bearer token (from the secret store; generated at the first start).</summary>
    /// <exception cref="InvalidOperationException">When the secret store was unreachable at start.</exception>
    public string OperatorToken => _operatorToken ?? throw new InvalidOperationException("The operator token could not be read at start: storage was unreachable. Restart once storage answers.");

    /// <summary>True when the operator token was read (or created) at start and, if asked, written to the token file.</summary>
    public bool HasOperatorToken => _operatorToken is not null;

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
            azurite = await AzuriteEmulator.StartAsync(settings.AzuriteDataDirectory, AzuriteLayout.ProcessPerService, cancellationToken);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{StorageOptions.SectionName}:ConnectionString"] = azurite.ConnectionString,
            });
        }

        try
        {
            builder.WebHost.UseUrls(settings.Urls).LimitConcurrentConnections();
            builder.Services.AddMlConnectorCore(builder.Configuration);
            builder.Services.AddCronScheduler();
            builder.Services.AddWebhookIntakePoller();
            builder.Services.AddTaskHubWorkflows();
            builder.Services.AddOperatorOpenApi();
            builder.Services.AddWebhookRateLimiting();

            var app = builder.Build();
            MapRoutes(app);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                // The hosted services that started before Kestrel failed to bind (the task hub worker, the pollers) must not
                // go on working against this storage while the caller tries again (LoopbackPort.StartOnFreePortAsync).
                await StopQuietlyAsync(app);
                throw;
            }

            string? token = null;
            try
            {
                token = await app.Services.GetRequiredService<OperatorTokenAuthenticator>().EnsureTokenAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException or Core.Errors.ConnectorException or HttpRequestException)
            {
                // Storage is down: the host still serves /api/health (which says so); operator requests load the token once it answers.
            }

            if (token is not null && settings.TokenFile is { } tokenFile)
            {
                await OperatorTokenFile.WriteAsync(tokenFile, token, cancellationToken);
            }

            return new StandaloneHost(app, azurite, token);
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

    private static async Task StopQuietlyAsync(WebApplication app)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await app.StopAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or AggregateException)
        {
            // The start's failure is what the caller needs to see.
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

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

        // Vendor webhooks: authenticated by the vendor's signature or the URL secret, never by loopback; limited per caller here, per connection once verified (Core).
        app.UseRateLimiter();
        app.MapPost("/api/webhooks/shipstation/{connectionId}/{secret}", (ShipStationWebhookApi api, string connectionId, string secret, HttpRequest request, CancellationToken ct) => api.ReceiveAsync(connectionId, secret, request, ct)).LimitPerCaller();
        app.MapPost("/api/webhooks/ups/{connectionId}/{secret}", (UpsTrackAlertWebhookApi api, string connectionId, string secret, HttpRequest request, CancellationToken ct) => api.ReceiveAsync(connectionId, secret, request, ct)).LimitPerCaller();
        app.MapPost("/api/webhooks/qbo", (QboWebhookApi api, HttpRequest request, CancellationToken ct) => api.ReceiveAsync(request, ct)).LimitPerCaller();
        app.MapPost("/api/webhooks/freshbooks/{connectionId}", (FreshBooksWebhookApi api, string connectionId, HttpRequest request, CancellationToken ct) => api.ReceiveAsync(connectionId, request, ct)).LimitPerCaller();

        // The QuickBooks Web Connector's SOAP endpoint (/api/qbwc and ?wsdl): authenticated by the connection's QBWC password.
        app.UseQuickBooksWebConnector();

        // Bench only: the same host's cheapest answer, next to which the webhooks' ack latency is measured.
        if (app.Configuration.GetValue<bool>(BenchBareEndpointSetting))
        {
            app.MapPost("/api/bench/bare", () => Results.Ok());
            Bench.BenchWriteOnceEndpoint.Map(app);
        }

        // OAuth consent: the merchant's browser follows these, so they are not loopback-only.
        app.MapGet("/api/oauth/{provider}/connect/{connectionId}", (OAuthConnectApi api, string provider, string connectionId, CancellationToken ct) => api.ConnectAsync(provider, connectionId, ct));
        app.MapGet("/api/oauth/{provider}/callback", (OAuthConnectApi api, string provider, HttpRequest request, CancellationToken ct) => api.CallbackAsync(provider, request.Query, ct));

        // Operator API: loopback callers with the operator token, an allowed Host and JSON bodies (OperatorAccessFilter);
        // the Functions app protects the same routes with function keys or Entra ID and the same request guard.
        // The OpenAPI document of the operator routes (anonymous, like /api/health: it describes, it changes nothing).
        app.MapOpenApi(OperatorOpenApi.Path);

        var operators = app.MapGroup("/api").AddEndpointFilter(OperatorAccessFilter.InvokeAsync).WithTags(OperatorOpenApi.Tag);
        operators.MapGet("/connections", (ConnectionsApi api, string? kind, CancellationToken ct) => api.ListAsync(kind, ct))
            .WithSummary("Lists connections, optionally of one integration kind.");
        operators.MapPost("/connections", (ConnectionsApi api, HttpContext http, CancellationToken ct) => api.CreateAsync(http.Request, OperatorIdentity.Of(http), ct))
            .WithSummary("Creates a connection from a connection document; 400 lists every invalid field.");
        operators.MapGet("/connections/{id}", (ConnectionsApi api, string id, CancellationToken ct) => api.GetAsync(id, ct))
            .WithSummary("Reads a connection.");
        operators.MapPut("/connections/{id}", (ConnectionsApi api, string id, HttpContext http, CancellationToken ct) => api.UpdateAsync(id, http.Request, OperatorIdentity.Of(http), ct))
            .WithSummary("Replaces a connection (If-Match or version in the body; 409 when stale).");
        operators.MapDelete("/connections/{id}", (ConnectionsApi api, string id, HttpContext http, CancellationToken ct) => api.DeleteAsync(id, OperatorIdentity.Of(http), ct))
            .WithSummary("Deletes a connection; its audit trail and secrets stay.");
        operators.MapPost("/connections/{id}/pause", (ConnectionsApi api, string id, string? reason, HttpContext http, CancellationToken ct) => api.PauseAsync(id, reason, OperatorIdentity.Of(http), ct))
            .WithSummary("Pauses a connection.");
        operators.MapPost("/connections/{id}/resume", (ConnectionsApi api, string id, HttpContext http, CancellationToken ct) => api.ResumeAsync(id, OperatorIdentity.Of(http), ct))
            .WithSummary("Resumes a paused connection.");
        operators.MapPut("/connections/{id}/secrets/{name}", (SecretsApi api, string id, string name, HttpContext http, CancellationToken ct) => api.SetConnectionSecretAsync(id, name, http.Request, OperatorIdentity.Of(http), ct))
            .WithSummary("Stores a connection's secret from {\"value\": \"...\"}; 204, the value is never echoed.");
        operators.MapPut("/secrets/{name}", (SecretsApi api, string name, HttpContext http, CancellationToken ct) => api.SetAppSecretAsync(name, http.Request, OperatorIdentity.Of(http), ct))
            .WithSummary("Stores an app-wide secret (an OAuth client secret) from {\"value\": \"...\"}; 204.");
        operators.MapPost("/connections/{id}/webhooks/register", (WebhooksApi api, string id, HttpContext http, CancellationToken ct) => api.RegisterAsync(id, http.Request, OperatorIdentity.Of(http), ct))
            .WithSummary("Registers the connection's ShipStation webhooks with a fresh URL secret.");
        operators.MapGet("/workflows", (WorkflowsApi api, string? status, string? connectionId, string? continuationToken, int? pageSize, CancellationToken ct) => api.ListAsync(status, connectionId, continuationToken, pageSize, ct))
            .WithSummary("Lists one page of workflow instances by status and connection (up to pageSize, default and most 1000); the x-ms-continuation-token header, passed back as continuationToken, gives the next page.");
        operators.MapGet("/workflows/{instanceId}", (WorkflowsApi api, string instanceId, CancellationToken ct) => api.GetAsync(instanceId, ct))
            .WithSummary("Reads one workflow instance.");
        operators.MapPost("/workflows/{instanceId}/replay", (WorkflowsApi api, string instanceId, HttpContext http, CancellationToken ct) => api.ReplayAsync(instanceId, OperatorIdentity.Of(http), ct))
            .WithSummary("Replays a failed workflow instance as a new instance.");
        operators.MapGet("/connections/{id}/audit", (ConnectionsApi api, string id, HttpRequest request, CancellationToken ct) => api.QueryAuditAsync(id, request.Query, ct))
            .WithSummary("Queries a connection's audit trail.");
        operators.MapPost("/connections/{id}/test", (ConnectionChecksApi api, string id, CancellationToken ct) => api.TestAsync(id, ct))
            .WithSummary("Tests the connection against its real systems: each check with what to fix.");
        operators.MapGet("/connections/{id}/health", (ConnectionChecksApi api, string id, CancellationToken ct) => api.HealthAsync(id, ct))
            .WithSummary("The connection's health: last syncs, open failures, tokens, webhooks, reconciliation, pause.");
        operators.MapGet("/failures", (FailuresApi api, string? connectionId, string? kind, string? since, CancellationToken ct) => api.ListAsync(connectionId, kind, since, ct))
            .WithSummary("Lists open failures with what to fix and who fixes it.");
        operators.MapPost("/failures/replay", (FailuresApi api, HttpRequest request, CancellationToken ct) => api.ReplayAsync(request, ct))
            .WithSummary("Replays failures by id or all failed (each once).");
        operators.MapPost("/failures/{id}/dismiss", (FailuresApi api, string id, HttpRequest request, CancellationToken ct) => api.DismissAsync(id, request, ct))
            .WithSummary("Dismisses a failure with a reason.");
        operators.MapGet("/intake", async (WebhookIntake intake, CancellationToken ct) =>
        {
            var (pending, poison) = await intake.CountAsync(ct);
            return Results.Ok(new { pending, poison });
        }).WithSummary("Webhook deliveries recorded and not yet dispatched, and those kept as poison.");
        operators.MapPost("/intake/poison/replay", async (WebhookIntake intake, int? max, CancellationToken ct) => Results.Ok(new { replayed = await intake.ReplayPoisonAsync(max ?? 1000, ct) }))
            .WithSummary("Moves poison webhook deliveries back for dispatch.");
        operators.MapPost("/connections/{id}/backfill", (ShipStationQboBackfillApi api, string id, HttpRequest request, CancellationToken ct) => api.StartAsync(id, request, ct))
            .WithSummary("Starts (or resumes) a ShipStation → QBO backfill of historical orders since a date.");
        operators.MapGet("/connections/{id}/qwc", (QbdShipStationApi api, string id, HttpRequest request, CancellationToken ct) => api.GetQwcAsync(id, request, ct))
            .WithSummary("The connection's QuickBooks Web Connector file (.qwc) to add in the merchant's Web Connector; holds no password.");
        operators.MapGet("/connections/{id}/inventory", (QbdShipStationApi api, string id, CancellationToken ct) => api.GetInventoryAsync(id, ct))
            .WithSummary("The last inventory reconciliation: open ShipStation order quantities against QuickBooks Desktop on-hand, per item.");
        operators.MapGet("/connections/{id}/backfill", (ShipStationQboBackfillApi api, string id, CancellationToken ct) => api.GetAsync(id, ct))
            .WithSummary("The backfill's progress.");
    }
}
