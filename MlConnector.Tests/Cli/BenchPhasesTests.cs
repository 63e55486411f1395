using System.CommandLine;
using MlConnector.Cli.Bench;

namespace MlConnector.Tests.Cli;

/// <summary><c>bench --only</c>: each phase can be chosen alone (the RSS phase without the throughput phase), and an unknown name is refused at parse time.</summary>
public class BenchPhasesTests
{
    [Theory]
    [InlineData("--only rss", new[] { "rss" })]
    [InlineData("--only rss ack", new[] { "ack", "rss" })]
    [InlineData("--only writeback --only throughput", new[] { "throughput", "writeback" })]
    [InlineData("--only rss rss", new[] { "rss" })]
    [InlineData("", new[] { "throughput", "writeback", "ack", "rss" })]
    public void Select_ParsedOnly_RunsExactlyThosePhasesInRunOrder(string arguments, string[] expected)
    {
        // Arrange
        var (command, only) = Command();

        // Act
        var parse = command.Parse(arguments);
        var phases = BenchPhases.Select(parse.GetValue(only));

        // Assert
        Assert.Empty(parse.Errors);
        Assert.Equal(expected, phases);
    }

    [Fact]
    public void Parse_UnknownPhase_IsAnErrorNamingIt()
    {
        // Arrange
        var (command, _) = Command();

        // Act
        var parse = command.Parse("--only rss memory");

        // Assert
        Assert.Contains(parse.Errors, e => e.Message.Contains("memory", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BenchCommandOnlyRss_HasNoErrors()
    {
        // Act: the real command, as `mlconnector bench --only rss --rss-records 5` is typed.
        var parse = BenchCommand.Create().Parse("--only rss --rss-records 5");

        // Assert
        Assert.Empty(parse.Errors);
    }

    private static (RootCommand Command, Option<string[]> Only) Command()
    {
        var only = BenchPhases.CreateOption();
        return (new RootCommand { only }, only);
    }
}
