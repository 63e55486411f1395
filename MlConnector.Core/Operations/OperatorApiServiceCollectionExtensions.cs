using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Failures;
using MlConnector.Core.Health;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;

namespace MlConnector.Core.Operations;

/// <summary>Registers the operator API's handlers and its access control, shared by both hosts.</summary>
public static class OperatorApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ConnectionsApi"/>, <see cref="SecretsApi"/>, <see cref="WebhooksApi"/>, <see cref="WorkflowsApi"/>,
    /// <see cref="OAuthConnectApi"/>, <see cref="OperatorAudit"/>, <see cref="OperatorTokenAuthenticator"/> and the
    /// options of sections <c>Operator</c> and <c>PublicEndpoint</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddOperatorApi(this IServiceCollection services)
    {
        services.AddOptions<OperatorAccessOptions>().BindConfiguration(OperatorAccessOptions.SectionName);
        services.AddOptions<PublicEndpointOptions>().BindConfiguration(PublicEndpointOptions.SectionName);
        services.TryAddSingleton<OperatorAudit>();
        services.TryAddSingleton<OperatorTokenAuthenticator>();
        services.TryAddSingleton<ConnectionsApi>();
        services.TryAddSingleton<SecretsApi>();
        services.TryAddSingleton<WebhooksApi>();
        services.TryAddSingleton<OAuthConnectApi>();
        services.TryAddSingleton<WorkflowsApi>();
        services.TryAddSingleton<FailureDismissalStore>();
        services.TryAddSingleton<FailureTriage>();
        services.TryAddSingleton<ReconsentFailureReplay>();
        services.TryAddSingleton<ReconsentReplayJob>();
        services.AddScheduledJob<ReconsentReplayJob>();
        services.TryAddSingleton<FailuresApi>();
        services.TryAddSingleton<ConnectionTester>();
        services.TryAddSingleton<ConnectionHealthReader>();
        services.TryAddSingleton<ConnectionChecksApi>();
        return services;
    }
}
