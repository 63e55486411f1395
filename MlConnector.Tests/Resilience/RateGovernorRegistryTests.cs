using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Resilience;

namespace MlConnector.Tests.Resilience;

public sealed class RateGovernorRegistryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void GetGovernor_SameKey_ReturnsTheSameGovernor()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var first = sut.GetGovernor("qbo", "9130-realm");
        var second = sut.GetGovernor("QBO", "9130-realm");
        var third = sut.GetGovernor(new RateLimitKey("qbo", "9130-realm"));

        // Assert
        Assert.Same(first, second);
        Assert.Same(first, third);
    }

    [Fact]
    public async Task GetGovernor_DifferentKeys_AreIndependent()
    {
        // Arrange (realm A spends its 8 permits of this second)
        var sut = CreateSut();
        var realmA = sut.GetGovernor("qbo", "realm-a");
        for (var i = 0; i < 8; i++)
        {
            (await realmA.AcquireAsync()).Dispose();
        }

        realmA.PauseFor(TimeSpan.FromSeconds(60));

        // Act
        var blockedOnA = realmA.AcquireAsync();
        var onB = sut.GetGovernor("qbo", "realm-b").AcquireAsync();
        var onOtherConnector = sut.GetGovernor("shipstation", "realm-a").AcquireAsync();

        // Assert
        Assert.NotSame(realmA, sut.GetGovernor("qbo", "realm-b"));
        Assert.False(blockedOnA.IsCompleted);
        Assert.True(onB.IsCompletedSuccessfully);
        Assert.True(onOtherConnector.IsCompletedSuccessfully);
        (await onB).Dispose();
        (await onOtherConnector).Dispose();
        _time.Advance(TimeSpan.FromSeconds(60));
        (await blockedOnA.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public void GetPolicy_VendorWithoutItsRegistration_IsTheDefault()
    {
        // Arrange (the vendors' budgets come from their Add…Connector extensions, not from the registry)
        var sut = new RateGovernorRegistry([], _time, NullLogger<RateGovernor>.Instance);

        // Act
        var policies = new[] { "qbo", "qbo-batch", "shipstation", "shipstation-v2" }.Select(sut.GetPolicy);

        // Assert
        Assert.All(policies, p => Assert.Same(RateLimitPolicy.Default, p));
    }

    [Fact]
    public void GetPolicy_UnknownConnector_IsTheDefault()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var policy = sut.GetPolicy("ups");

        // Assert
        Assert.Same(RateLimitPolicy.Default, policy);
    }

    [Fact]
    public void GetPolicy_TwoRegistrationsForOneConnector_TheLastWins()
    {
        // Arrange
        var sandbox = new RateLimitPolicy(null, new RateWindow(20, TimeSpan.FromMinutes(1)));
        var sut = CreateSut(new RateLimitPolicyRegistration("shipstation-v2", ShipStationRatePolicies.V2), new RateLimitPolicyRegistration("ShipStation-V2", sandbox));

        // Act
        var policy = sut.GetGovernor("shipstation-v2", "k").Policy;

        // Assert
        Assert.Same(sandbox, policy);
    }

    private RateGovernorRegistry CreateSut(params RateLimitPolicyRegistration[] registrations) =>
        new([new RateLimitPolicyRegistration("qbo", QuickBooksOnlineRatePolicies.Requests), .. registrations], _time, NullLogger<RateGovernor>.Instance);
}
