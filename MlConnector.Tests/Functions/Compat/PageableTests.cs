using Microsoft.DurableTask;

namespace MlConnector.Tests.Functions.Compat;

/// <summary>Pageable.Create is how tests fake DurableTaskClient.GetAllInstancesAsync.</summary>
public class PageableTests
{
    [Fact]
    public async Task Create_TwoPages_EnumeratesEveryValueFollowingContinuationTokens()
    {
        // Arrange
        var tokens = new List<string?>();
        var sut = Pageable.Create<string>((token, _) =>
        {
            tokens.Add(token);
            return Task.FromResult(token is null ? new Page<string>(["a", "b"], "next") : new Page<string>(["c"]));
        });

        // Act
        var values = new List<string>();
        await foreach (var value in sut)
        {
            values.Add(value);
        }

        // Assert
        Assert.Equal(["a", "b", "c"], values);
        Assert.Equal([null, "next"], tokens);
    }
}
