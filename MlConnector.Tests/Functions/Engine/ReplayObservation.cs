namespace MlConnector.Tests.Functions.Engine;

/// <summary>What one execution of <see cref="ReplayProbeWorkflow"/> saw before its first await.</summary>
/// <param name="IsReplaying">The context's replay flag.</param>
/// <param name="NewGuid">The context's deterministic GUID.</param>
/// <param name="StartedUtc">The context's orchestration time.</param>
public sealed record ReplayObservation(bool IsReplaying, Guid NewGuid, DateTime StartedUtc);
