namespace MlConnector.Core.Workflows;

/// <summary>A workflow or activity type added by <see cref="WorkflowServiceCollectionExtensions"/>.</summary>
/// <param name="Type">The implementing type, registered in DI.</param>
/// <param name="IsActivity">True for an activity, false for a workflow.</param>
internal sealed record WorkflowRegistration(Type Type, bool IsActivity);
