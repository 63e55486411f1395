using Microsoft.Extensions.Configuration;
using MlConnector.Cli.Bench;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The settings of bench (e)'s measured <c>serve</c> child: its timers are moved out of the way, except admission's release
/// of held work, without which a burst's starts beyond the connection's running bound are never started and the child never
/// goes idle.
/// </summary>
public class RssScaleBenchTests
{
    [Fact]
    public void Settings_MovesEveryScheduleButTheReleaseOfHeldWorkToOnceAYear()
    {
        // Arrange: the shipped appsettings.json's schedules, as the demo host's configuration carries them.
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "source" })
            .Build();
        var schedules = configuration.GetSection("Schedules").GetChildren().Select(s => s.Key).ToList();

        // Act
        var sut = RssScaleBench.Settings(configuration, "rss1234abcd", "child-storage");

        // Assert
        Assert.Contains(HeldWorkReleaseJob.JobName, schedules);
        Assert.True(schedules.Count > 5);
        Assert.False(sut.ContainsKey("Schedules:" + HeldWorkReleaseJob.JobName));
        Assert.All(schedules.Where(s => s != HeldWorkReleaseJob.JobName), s => Assert.Equal("0 0 0 1 1 *", sut["Schedules:" + s]));
        Assert.Equal("child-storage", sut["Storage:ConnectionString"]);
        Assert.Equal("rss1234abcd", sut["Workflows:TaskHubName"]);
        Assert.Equal("rss1234abcd-intake", sut["Intake:QueueName"]);
    }
}
