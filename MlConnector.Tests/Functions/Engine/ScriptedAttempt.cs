namespace MlConnector.Tests.Functions.Engine;

/// <summary>One attempt a scripted activity received from the engine.</summary>
/// <param name="TaskId">The call's sequence number in the workflow (stable across retries).</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="InputJson">The activity input as the workflow sent it.</param>
/// <param name="Timestamp">When it started (<see cref="TimeProvider.GetTimestamp"/> of the system clock).</param>
public sealed record ScriptedAttempt(int TaskId, int Attempt, string? InputJson, long Timestamp);
