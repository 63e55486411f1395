using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// The one <see cref="IUpsTrackingHandler"/>: a package status (Track Alert push, tracking poll, Quantum View) starts the
/// integration's tracking workflow <typeparamref name="TWorkflow"/> once per connection, tracking number and status, under
/// <see cref="UpsTrackingInstanceId.For"/> (<c>{kind}:{connection}:track:{tracking number}:{status key}</c>). Each
/// integration that ships registers it with its kind and workflow through
/// <see cref="UpsShippingServiceCollectionExtensions.AddUpsTrackingWorkflow{TWorkflow}"/>.
/// </summary>
/// <remarks>
/// One closed type per integration, with only DI-resolvable constructor parameters: the Functions app rebuilds every
/// class over <see cref="IWorkflowClient"/> per invocation, by type, with the invocation's Durable client.
/// </remarks>
/// <typeparam name="TWorkflow">The kind's tracking workflow; its input is a <see cref="TrackingUpdate"/>.</typeparam>
/// <param name="kind">The integration kind that registered <typeparamref name="TWorkflow"/>.</param>
/// <param name="workflows">The workflow client.</param>
public sealed class UpsTrackingWorkflowHandler<TWorkflow>(UpsTrackingWorkflowKind<TWorkflow> kind, IWorkflowClient workflows) : IUpsTrackingHandler
    where TWorkflow : class, IWorkflow
{
    /// <summary>The deployed workflow name a status starts: the workflow's class name, as its <see cref="IWorkflow.Name"/> is.</summary>
    public string WorkflowName { get; } = typeof(TWorkflow).Name;

    /// <inheritdoc />
    public string IntegrationKind => kind.IntegrationKind;

    /// <inheritdoc />
    public string InstanceIdOf(string connectionId, UpsTrackingStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return UpsTrackingInstanceId.For(IntegrationKind, connectionId, status.TrackingNumber, UpsTrackingText.StatusKey(status));
    }

    /// <inheritdoc />
    public Task<WorkflowStartResult> StartAsync(TrackingUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return workflows.StartAsync(WorkflowName, InstanceIdOf(update.ConnectionId, update.Status), update, cancellationToken);
    }
}
