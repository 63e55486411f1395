using MlConnector.Core.Workflows;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>The integration kind whose packages' statuses start <typeparamref name="TWorkflow"/> (registered once per workflow).</summary>
/// <typeparam name="TWorkflow">The kind's tracking workflow.</typeparam>
/// <param name="IntegrationKind">The integration kind, for example <c>qbo-ups</c>.</param>
public sealed record UpsTrackingWorkflowKind<TWorkflow>(string IntegrationKind)
    where TWorkflow : class, IWorkflow;
