using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlConnector.Functions.Timers;

namespace MlConnector.Tests.Functions.Timers;

public class HealthProbeTimerTests
{
    private readonly FakeLogger<HealthProbeTimer> _logger = new();

    [Fact]
    public async Task RunAsync_OneCheckUnhealthy_LogsWarningNamingIt()
    {
        // Arrange
        using var services = CreateServices(HealthCheckResult.Unhealthy("Table service answered 403 AuthorizationFailure."));
        var sut = CreateSut(services);

        // Act
        await sut.RunAsync(new TimerInfo(), CancellationToken.None);

        // Assert
        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(9100, log.Id.Id);
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Contains("storage=Unhealthy", log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("other", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AllHealthy_LogsNoWarning()
    {
        // Arrange
        using var services = CreateServices(HealthCheckResult.Healthy());
        var sut = CreateSut(services);

        // Act
        await sut.RunAsync(new TimerInfo(), CancellationToken.None);

        // Assert
        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal("HealthProbeHealthy", log.Id.Name);
        Assert.Equal(LogLevel.Debug, log.Level);
    }

    [Fact]
    public async Task RunAsync_PastDue_LogsPastDueWithLastRun()
    {
        // Arrange
        using var services = CreateServices(HealthCheckResult.Healthy());
        var sut = CreateSut(services);
        var last = new DateTime(2026, 11, 22, 23, 55, 0, DateTimeKind.Utc);
        var timer = new TimerInfo { IsPastDue = true, ScheduleStatus = new ScheduleStatus { Last = last } };

        // Act
        await sut.RunAsync(timer, CancellationToken.None);

        // Assert
        var pastDue = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 9102);
        Assert.Contains("2026-11-22T23:55:00", pastDue.Message, StringComparison.Ordinal);
    }

    private HealthProbeTimer CreateSut(ServiceProvider services) => new(services.GetRequiredService<HealthCheckService>(), _logger);

    private static ServiceProvider CreateServices(HealthCheckResult storage)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHealthChecks()
            .AddCheck("storage", () => storage)
            .AddCheck("other", () => HealthCheckResult.Healthy());
        return services.BuildServiceProvider();
    }
}
