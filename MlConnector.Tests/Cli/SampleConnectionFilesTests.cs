using MlConnector.Cli.Operator;
using MlConnector.Core.Connections;
using MlConnector.Tests.Infra;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The sample connection files under docs/connections, read as <c>mlconnector connections create --file</c> reads them
/// and checked by the host's own validator: one per integration kind that runs today, each valid.
/// </summary>
public class SampleConnectionFilesTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> Files => [.. FileNames()];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task SampleFile_ReadLikeTheCli_PassesTheHostsValidator(string file)
    {
        // Arrange
        var document = await ConnectionFile.ReadAsync(RepositoryPaths.Combine("docs", "connections", file));

        // Act
        var connection = document.Deserialize<Connection>(Json)!;
        var problems = Record.Exception(() => ConnectionValidator.Validate(connection));

        // Assert
        Assert.Null(problems);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), connection.Kind);
        Assert.NotEmpty(connection.Settings);
    }

    [Fact]
    public void SampleFiles_CoverEveryIntegrationKindThatRuns()
    {
        // Act
        var kinds = FileNames().Select(Path.GetFileNameWithoutExtension);

        // Assert
        Assert.Equal([IntegrationKinds.QbdShipStation, IntegrationKinds.QboUps, IntegrationKinds.ShipStationQbo], kinds);
    }

    private static IEnumerable<string> FileNames() =>
        Directory.GetFiles(RepositoryPaths.Combine("docs", "connections")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);
}
