using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Alerts;
using MlConnector.Core.Failures;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Timers;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.Timers;

/// <summary>
/// Every timer that runs a Core scheduled job through <c>ScheduledJobTimer</c> reads the same CRON setting as the
/// standalone host's scheduler for that job (<c>Schedules:{job.Name}</c>), and never runs on start-up.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ScheduledJobTimerTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FunctionsServices _services = new(azurite.ConnectionString, azurite.NewPrefix());

    public static TheoryData<Type, Type> JobTimers => new()
    {
        { typeof(ShipStationQboReconcileTimer), typeof(ShipStationQboReconcileJob) },
        { typeof(ShipStationQboMappingPollTimer), typeof(ShipStationQboMappingPollJob) },
        { typeof(QboChangeReconcileTimer), typeof(QboChangeReconcileJob) },
        { typeof(QboUpsTrackingPollTimer), typeof(UpsTrackingPollJob) },
        { typeof(QboUpsTrackAlertRenewalTimer), typeof(UpsTrackAlertRenewalJob) },
        { typeof(UpsQuantumViewPollTimer), typeof(UpsQuantumViewPollJob) },
        { typeof(QboSpsOrderPollTimer), typeof(QboSpsOrderPollJob) },
        { typeof(QboSpsCrosswalkCheckTimer), typeof(QboSpsCrosswalkJob) },
        { typeof(HeldWorkReleaseTimer), typeof(HeldWorkReleaseJob) },
        { typeof(ReconsentReplayTimer), typeof(ReconsentReplayJob) },
        { typeof(AlertEvaluationTimer), typeof(AlertEvaluationJob) },
        { typeof(QbdShipStationPollTimer), typeof(QbdShipStationPollJob) },
        { typeof(QbdInventoryReconcileTimer), typeof(QbdInventoryReconcileJob) },
        { typeof(FreshBooksUpsPollTimer), typeof(FreshBooksUpsPollJob) },
        { typeof(WorkflowHistoryPurgeTimer), typeof(WorkflowHistoryPurgeJob) },
    };

    [Theory]
    [MemberData(nameof(JobTimers))]
    public void Schedule_OfEachJobTimer_IsTheSettingTheStandaloneSchedulerReadsForItsJob(Type timer, Type jobType)
    {
        // Arrange
        using var scope = _services.Provider.CreateScope();
        var job = scope.ServiceProvider.GetServices<IScheduledJob>().Single(j => j.GetType() == jobType);

        // Act
        var trigger = Trigger(timer);

        // Assert: the standalone host's CronSchedulerService reads Schedules:{job.Name}.
        Assert.Equal($"%Schedules:{job.Name}%", trigger.Schedule);
        Assert.False(trigger.RunOnStartup);
    }

    [Fact]
    public void TimerFunctions_AcrossTheApp_AreTheHealthProbeAndTheJobTimers()
    {
        // Arrange
        var expected = JobTimers.Select(row => ((Type)row[0]).Name).Append(nameof(HealthProbeTimer)).Order(StringComparer.Ordinal);

        // Act
        var actual = typeof(HealthProbeTimer).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetParameters().Any(p => p.GetCustomAttribute<TimerTriggerAttribute>() is not null)))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);

        // Assert: a new timer is either the health probe or listed above with its job.
        Assert.Equal(expected, actual);
    }

    public void Dispose() => _services.Dispose();

    private static TimerTriggerAttribute Trigger(Type timer) =>
        timer.GetMethod("RunAsync")!.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).Single(a => a is not null)!;
}
