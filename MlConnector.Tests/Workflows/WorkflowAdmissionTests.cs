using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// <see cref="WorkflowAdmission"/>'s counting alone (its collaborator, the engine's listing, is a delegate here; the engine's
/// own listing is covered by <see cref="WorkflowAdmissionIntegrationTests"/>).
/// </summary>
public sealed class WorkflowAdmissionTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-07T08:00:00Z", CultureInfo.InvariantCulture));
    private int _listings;

    [Fact]
    public async Task TryAdmitAsync_CountsOncePerIntervalAndAddsItsOwnStartsBetweenCounts()
    {
        // Arrange: the engine lists 2 running for c1 at first, 0 later.
        var running = new Dictionary<string, int>(StringComparer.Ordinal) { ["c1"] = 2 };
        using var admission = Admission(max: 3);

        // Act
        var first = await admission.TryAdmitAsync("c1", Count(running));
        var second = await admission.TryAdmitAsync("c1", Count(running));
        var otherConnection = await admission.TryAdmitAsync("c2", Count(running));
        running["c1"] = 0;
        _clock.Advance(TimeSpan.FromSeconds(4));
        var beforeTheInterval = await admission.TryAdmitAsync("c1", Count(running));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterTheInterval = await admission.TryAdmitAsync("c1", Count(running));

        // Assert
        Assert.True(first);
        Assert.False(second); // 2 listed + 1 admitted here = 3
        Assert.True(otherConnection);
        Assert.False(beforeTheInterval);
        Assert.True(afterTheInterval);
        Assert.Equal(2, _listings);
    }

    [Fact]
    public async Task TryAdmitAsync_LimitZero_AdmitsEveryStartWithoutListing()
    {
        // Arrange
        using var admission = Admission(max: 0);

        // Act
        var admitted = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            admitted.Add(await admission.TryAdmitAsync("c1", Count(new Dictionary<string, int>(StringComparer.Ordinal) { ["c1"] = 1_000 })));
        }

        // Assert
        Assert.All(admitted, Assert.True);
        Assert.Equal(0, _listings);
    }

    private WorkflowAdmission Admission(int max) =>
        new(Options.Create(new WorkflowAdmissionOptions { MaxActivePerConnection = max, CountInterval = TimeSpan.FromSeconds(5) }), _clock);

    private Func<CancellationToken, Task<IReadOnlyDictionary<string, int>>> Count(Dictionary<string, int> running) => _ =>
    {
        _listings++;
        return Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(running, StringComparer.Ordinal));
    };
}
