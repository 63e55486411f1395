using Microsoft.AspNetCore.Http;
using MlConnector.Sandbox;

namespace MlConnector.Tests.TestSupport;

/// <summary>
/// Holds the first request a simulator receives that matches, until the test releases it (<see cref="SimulatorFaults.Hold"/>),
/// so a write can be made to land after later ones (two write-backs of one record racing). Counts every matching request.
/// </summary>
internal sealed class HeldRequest
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    private HeldRequest()
    {
    }

    /// <summary>Matching requests received so far, the held one included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Installs the hold on <paramref name="faults"/> for the first request <paramref name="matches"/> accepts.</summary>
    public static HeldRequest Install(SimulatorFaults faults, Func<HttpRequest, bool> matches)
    {
        var hold = new HeldRequest();
        faults.Hold = async (request, ct) =>
        {
            if (matches(request) && Interlocked.Increment(ref hold._count) == 1)
            {
                hold._held.SetResult();
                await hold._release.Task.WaitAsync(ct);
            }
        };
        return hold;
    }

    /// <summary>Completes once the first matching request is being held.</summary>
    public Task WaitUntilHeldAsync() => _held.Task.WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>Lets the held request through.</summary>
    public void Release() => _release.SetResult();
}
