namespace MlConnector.Tests.Infra;

[Trait("Category", "Integration")]
public class BicepTests
{
    [Fact]
    public async Task Build_MainBicep_CompilesWithoutDiagnostics()
    {
        // Arrange
        var infra = RepositoryPaths.Combine("infra");

        // Act
        var result = await BicepCli.RunAsync(infra, "build", "main.bicep", "--stdout");

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(result.Diagnostics.Count == 0, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Contains("\"Microsoft.Web/sites\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_MainBicep_ReportsNoWarningsOrErrors()
    {
        // Arrange
        var infra = RepositoryPaths.Combine("infra");

        // Act
        var result = await BicepCli.RunAsync(infra, "lint", "main.bicep");

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(result.Diagnostics.Count == 0, string.Join(Environment.NewLine, result.Diagnostics));
    }

    [Fact]
    public async Task Lint_FileWithUnusedParameter_ReportsWarning()
    {
        // Arrange: proves the diagnostics check above can fail (the CLI exits 0 on warnings).
        var dir = Directory.CreateTempSubdirectory("bicep-lint-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "bad.bicep"), "param unused string\n");

            // Act
            var result = await BicepCli.RunAsync(dir.FullName, "lint", "bad.bicep");

            // Assert
            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Contains("no-unused-params", diagnostic, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
