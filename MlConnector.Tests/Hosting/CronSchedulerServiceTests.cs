using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Tests.Hosting;

public class CronSchedulerServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 7, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeLogger<CronSchedulerService> _logger = new();

    private CronSchedulerService CreateSut(IScheduledJob job, string? cron) =>
        new(
            [job],
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Schedules:Reconcile"] = cron }).Build(),
            _time,
            _logger);

    [Fact]
    public async Task ExecuteAsync_EveryFifteenMinutes_RunsAtCronTimesAndSurvivesAFailure()
    {
        // Arrange
        var job = new RecordingJob { FailOnRun = 1 };
        using var sut = CreateSut(job, "*/15 * * * *");

        // Act
        await sut.StartAsync(CancellationToken.None);
        foreach (var occurrence in new[] { 12_15, 12_30, 12_45 })
        {
            _time.SetUtcNow(new DateTimeOffset(2026, 11, 23, occurrence / 100, occurrence % 100, 0, TimeSpan.Zero));
            Assert.True(await job.RunStarted.WaitAsync(TimeSpan.FromSeconds(90)), $"No run for {occurrence}; runs so far: {string.Join(", ", job.Runs)}.");
        }

        await sut.StopAsync(CancellationToken.None);

        // Assert: 12:15 failed and was logged; 12:30 and 12:45 still ran.
        Assert.Equal([Start.AddMinutes(8), Start.AddMinutes(23), Start.AddMinutes(38)], job.Runs.Take(3));
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Name == "JobFailed" && r.Exception is InvalidOperationException);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("every quarter hour")]
    public async Task ExecuteAsync_MissingOrBadCron_FailsNamingTheKey(string? cron)
    {
        // Arrange
        using var sut = CreateSut(new RecordingJob(), cron);

        // Act
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.StartAsync(CancellationToken.None));

        // Assert
        Assert.Contains("Schedules:Reconcile", ex.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingJob : IScheduledJob
    {
        public ConcurrentQueue<DateTimeOffset> Runs { get; } = new();

        public SemaphoreSlim RunStarted { get; } = new(0);

        public int FailOnRun { get; init; } = -1;

        public string Name => "Reconcile";

        public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default)
        {
            Runs.Enqueue(scheduledTimeUtc);
            RunStarted.Release();
            return Runs.Count == FailOnRun ? throw new InvalidOperationException("poll failed") : Task.CompletedTask;
        }
    }
}
