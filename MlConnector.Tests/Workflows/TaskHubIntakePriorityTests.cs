using DurableTask.Core.Middleware;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Cli.Serve.TaskHub;
using MlConnector.Core.Intake;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// <c>serve</c>'s engine middleware that lets the webhook intake go first: over the real <see cref="WebhookIntakeAdmission"/>
/// on a fake clock, a work item runs at once while the intake is calm, waits while a record write was slow until that
/// pressure clears, waits at most its hold while the record slots stay crowded, and never waits when the hold is zero.
/// </summary>
public class TaskHubIntakePriorityTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WaitAsync_IntakeCalm_ReturnsAtOnce()
    {
        // Arrange
        using var admission = Admission(capacity: 4);
        var sut = new TaskHubIntakePriority(admission, TimeSpan.FromSeconds(2), _time);

        // Act
        var wait = sut.WaitAsync();

        // Assert
        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(TimeSpan.Zero, await wait);
        Assert.Equal(0, sut.HeldItems);
    }

    [Fact]
    public async Task WaitAsync_AfterASlowRecordWrite_WaitsUntilThePressureClears()
    {
        // Arrange: one record write took 300 ms (> SlowRecord), which marks the intake under pressure for PressureHold.
        using var admission = Admission(capacity: 4);
        using (await admission.EnterAsync(CancellationToken.None))
        {
            _time.Advance(TimeSpan.FromMilliseconds(300));
        }

        var sut = new TaskHubIntakePriority(admission, TimeSpan.FromSeconds(5), _time);

        // Act
        var wait = sut.WaitAsync();
        var doneBeforeClock = wait.IsCompleted;
        _time.Advance(WebhookIntakeAdmission.PressureHold);
        var held = await wait;

        // Assert: held exactly until the pressure cleared, short of its 5 s bound.
        Assert.False(doneBeforeClock);
        Assert.Equal(WebhookIntakeAdmission.PressureHold, held);
        Assert.False(admission.IsUnderPressure);
        Assert.Equal(1, sut.HeldItems);
        Assert.Equal(WebhookIntakeAdmission.PressureHold, sut.Held);
    }

    [Fact]
    public async Task WaitAsync_RecordSlotsStayCrowded_WaitsAtMostTheHold()
    {
        // Arrange: three of four record slots held (more than half), and they stay held.
        using var admission = Admission(capacity: 4);
        var slots = new[] { await admission.EnterAsync(CancellationToken.None), await admission.EnterAsync(CancellationToken.None), await admission.EnterAsync(CancellationToken.None) };
        var sut = new TaskHubIntakePriority(admission, TimeSpan.FromSeconds(1), _time);

        // Act
        var wait = sut.WaitAsync();
        var doneBeforeClock = wait.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));
        var held = await wait;

        // Assert: the engine's work runs after the bound although the intake is still under pressure.
        Assert.False(doneBeforeClock);
        Assert.Equal(TimeSpan.FromSeconds(1), held);
        Assert.True(admission.IsUnderPressure);
        foreach (var slot in slots)
        {
            slot!.Dispose();
        }
    }

    [Fact]
    public async Task WaitAsync_HoldZero_NeverWaitsEvenUnderPressure()
    {
        // Arrange
        using var admission = Admission(capacity: 2);
        using var slot = await admission.EnterAsync(CancellationToken.None);
        using var second = await admission.EnterAsync(CancellationToken.None);
        var sut = new TaskHubIntakePriority(admission, TimeSpan.Zero, _time);

        // Act
        var wait = sut.WaitAsync();

        // Assert
        Assert.True(admission.IsUnderPressure);
        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(TimeSpan.Zero, await wait);
    }

    [Fact]
    public async Task InvokeAsync_UnderPressure_RunsTheWorkItemOnlyAfterTheHold()
    {
        // Arrange
        using var admission = Admission(capacity: 2);
        using var slot = await admission.EnterAsync(CancellationToken.None);
        using var second = await admission.EnterAsync(CancellationToken.None);
        var sut = new TaskHubIntakePriority(admission, TimeSpan.FromSeconds(2), _time);
        var ran = false;

        // Act
        var invoked = sut.InvokeAsync(new DispatchMiddlewareContext(), () =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        var ranBeforeClock = ran;
        _time.Advance(TimeSpan.FromSeconds(2));
        await invoked;

        // Assert
        Assert.False(ranBeforeClock);
        Assert.True(ran);
    }

    private WebhookIntakeAdmission Admission(int capacity) =>
        new(Options.Create(new WebhookIntakeOptions { MaxConcurrentRecords = capacity }), _time);
}
