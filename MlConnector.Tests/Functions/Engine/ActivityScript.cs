using System.Collections.Concurrent;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>
/// What the stand-ins of the app's activities do on the real engine, per workflow instance and activity name: each
/// attempt takes the next scripted step (the last one repeats), and every attempt is recorded. Keyed by instance id,
/// so the tests that share one engine never see each other's calls. An activity with no script for the instance
/// fails unclassified, which the workflow does not retry.
/// </summary>
public sealed class ActivityScript
{
    private readonly ConcurrentDictionary<(string InstanceId, string Activity), Steps> _steps = new();

    /// <summary>The next attempt returns <paramref name="output"/> (serialized with the workflow JSON contract).</summary>
    public ActivityScript Returns(string instanceId, string activity, object? output)
        => Then(instanceId, activity, _ => Task.FromResult(output));

    /// <summary>The next attempt throws <paramref name="exception"/>, which the activity runner classifies.</summary>
    public ActivityScript Throws(string instanceId, string activity, Exception exception)
        => Then(instanceId, activity, _ => Task.FromException<object?>(exception));

    /// <summary>
    /// The next attempt waits for <paramref name="gate"/>, then returns <paramref name="output"/>. A gate that stays shut
    /// longer than <see cref="DurableEngineFixture.Patience"/> fails the attempt with <see cref="TimeoutException"/>:
    /// the in-process engine runs as many activities at once as the machine has cores (two on CI), so a gated activity
    /// that a failed test never opened would otherwise hold a slot for good and stall every test after it.
    /// </summary>
    public ActivityScript WaitsFor(string instanceId, string activity, Task gate, object? output)
        => Then(instanceId, activity, async cancellationToken =>
        {
            await gate.WaitAsync(DurableEngineFixture.Patience, cancellationToken);
            return output;
        });

    /// <summary>Every attempt <paramref name="activity"/> received for <paramref name="instanceId"/>, in order.</summary>
    public IReadOnlyList<ScriptedAttempt> Attempts(string instanceId, string activity)
        => _steps.TryGetValue((instanceId, activity), out var steps) ? steps.Attempts : [];

    /// <summary>Waits until <paramref name="activity"/> has received <paramref name="count"/> attempts for the instance.</summary>
    public async Task WaitForAttemptsAsync(string instanceId, string activity, int count, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (Attempts(instanceId, activity).Count < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellation.Token);
        }
    }

    /// <summary>Runs one attempt as scripted.</summary>
    internal Task<object?> RunAsync(WorkflowActivityContext context, string? inputJson, CancellationToken cancellationToken)
    {
        if (!_steps.TryGetValue((context.InstanceId, context.ActivityName), out var steps))
        {
            throw new InvalidOperationException($"The test scripted no '{context.ActivityName}' for instance '{context.InstanceId}'.");
        }

        return steps.Next(new ScriptedAttempt(context.TaskId, context.Attempt, inputJson, TimeProvider.System.GetTimestamp()))(cancellationToken);
    }

    private ActivityScript Then(string instanceId, string activity, Func<CancellationToken, Task<object?>> step)
    {
        _steps.GetOrAdd((instanceId, activity), _ => new Steps()).Add(step);
        return this;
    }

    private sealed class Steps
    {
        private readonly List<Func<CancellationToken, Task<object?>>> _steps = [];
        private readonly List<ScriptedAttempt> _attempts = [];

        public IReadOnlyList<ScriptedAttempt> Attempts
        {
            get
            {
                lock (_attempts)
                {
                    return [.. _attempts];
                }
            }
        }

        public void Add(Func<CancellationToken, Task<object?>> step)
        {
            lock (_attempts)
            {
                _steps.Add(step);
            }
        }

        public Func<CancellationToken, Task<object?>> Next(ScriptedAttempt attempt)
        {
            lock (_attempts)
            {
                _attempts.Add(attempt);
                return _steps[Math.Min(_attempts.Count, _steps.Count) - 1];
            }
        }
    }
}
