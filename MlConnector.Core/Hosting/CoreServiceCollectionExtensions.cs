using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Alerts;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Connectors.SpsCommerce;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Diagnostics;
using MlConnector.Core.Failures;
using MlConnector.Core.Health;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Operations;
using MlConnector.Core.Resilience;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;
using MlConnector.Core.Webhooks;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Hosting;

/// <summary>Registers ml-connector's host-agnostic services; both the Functions app and <c>mlconnector serve</c> call this.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds storage clients, connections, secrets, audit, idempotency, workflows, resilience and token management.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Configuration; <c>Storage</c> must hold a connection string or service URIs.</param>
    /// <returns>The same collection.</returns>
    /// <exception cref="InvalidOperationException">When storage is not configured.</exception>
    public static IServiceCollection AddMlConnectorCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (!storage.IsConfigured)
        {
            throw new InvalidOperationException("Storage is not configured: set Storage:ConnectionString (Azurite) or Storage:TableServiceUri and Storage:BlobServiceUri (Azure).");
        }

        services.AddAzureClients(builder =>
        {
            if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                builder.AddTableServiceClient(storage.ConnectionString);
                builder.AddBlobServiceClient(storage.ConnectionString);
                builder.AddQueueServiceClient(storage.ConnectionString).ConfigureOptions(UseBase64Messages);
            }
            else
            {
                builder.AddTableServiceClient(storage.TableServiceUri!);
                builder.AddBlobServiceClient(storage.BlobServiceUri!);
                builder.AddQueueServiceClient(storage.QueueServiceUri
                    ?? throw new InvalidOperationException("Storage:QueueServiceUri is not configured: the webhook intake records deliveries in a queue of the storage account."))
                    .ConfigureOptions(UseBase64Messages);
            }

            builder.UseCredential(new DefaultAzureCredential());
        });

        services.TryAddSingleton(sp => new StorageNames(sp.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));
        services.TryAddSingleton(sp => new TableProvider(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<StorageNames>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<StorageNames>().BlobContainer));
        services.TryAddSingleton<BlobContainerProvider>();
        services.TryAddSingleton<WebhookVerifierCache>();
        services.TryAddSingleton<WebhookPathSecret>();

        services.TryAddSingleton<IConnectionStore, TableConnectionStore>();
        services.TryAddSingleton<IAuditTrail, TableAuditTrail>();
        services.TryAddSingleton<IIdempotencyLedger, TableIdempotencyLedger>();
        services.AddOperatorApi();
        services.AddHealthChecks().AddCheck<TableStorageHealthCheck>(TableStorageHealthCheck.Name, timeout: TimeSpan.FromSeconds(5));
        services.AddHealthChecks().AddCheck<ConnectionsHealthCheck>(ConnectionsHealthCheck.Name, failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(10));
        services.AddSecretStore();
        services.AddOAuthTokenManagement();
        services.AddConnectorResilienceCore();
        services.AddWorkflows();
        services.AddConnectionPauseGate();
        services.AddWorkflowHistoryRetention();
        services.AddAlerts();
        services.AddWebhookIntake();
        services.AddShipStationIntake();
        services.AddShipStationQboIntegration();
        services.AddQboUpsIntegration();
        services.AddQboSpsIntegration();
        services.AddQboEvents();
        services.AddQbdShipStationIntegration();
        services.AddQuickBooksOnlineConnector();
        services.AddShipStationConnector();
        services.AddUpsConnector();
        services.AddSpsCommerceConnector();
        services.AddFreshBooksConnector();
        services.AddFreshBooksUpsIntegration();
        return services;
    }

    /// <summary>The Functions queue trigger reads base64 message text by default (host.json <c>extensions.queues.messageEncoding</c>), so the intake writes it.</summary>
    private static void UseBase64Messages(QueueClientOptions options) => options.MessageEncoding = QueueMessageEncoding.Base64;
}
