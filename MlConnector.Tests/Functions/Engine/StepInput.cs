namespace MlConnector.Tests.Functions.Engine;

/// <summary>The input of <see cref="StepWorkflow"/>.</summary>
/// <param name="RecordId">The business record the step works on (shown in the custom status).</param>
/// <param name="MaxAttempts">The retry policy's attempts.</param>
/// <param name="FirstRetryMilliseconds">The retry policy's first interval (it does not grow).</param>
public sealed record StepInput(string RecordId, int MaxAttempts, int FirstRetryMilliseconds);
