using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MlConnector.Core.Intake;

namespace MlConnector.Tests.Intake;

/// <summary>The keys and budgets of <see cref="WebhookRateLimits"/>, without a host.</summary>
public class WebhookRateLimitsTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::9", "2001:db8:1:2::/64")]
    [InlineData(null, "unknown")]
    public void CallerKey_RemoteAddress_IsTheAddressOrTheIpv6Slash64(string? remote, string expected)
    {
        // Arrange
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);

        // Act
        var key = WebhookRateLimits.CallerKey(http);

        // Assert
        Assert.Equal(expected, key);
    }

    [Fact]
    public void AcquireDeliveryPermit_OneConnectionOverItsBudget_Gets429WhileOtherConnectionsAndVendorsDoNot()
    {
        // Arrange
        using var sut = CreateSut(burst: 2);

        // Act
        var spent = Enumerable.Range(0, 3).Select(_ => sut.AcquireDeliveryPermit("ups-trackalert", "acme")).ToList();
        var other = sut.AcquireDeliveryPermit("ups-trackalert", "globex");
        var otherVendor = sut.AcquireDeliveryPermit("shipstation", "acme");

        // Assert
        Assert.Null(spent[0]);
        Assert.Null(spent[1]);
        var refused = Assert.IsType<WebhookRateLimitedResult>(spent[2]);
        Assert.Equal((StatusCodes.Status429TooManyRequests, true), (refused.StatusCode, refused.RetryAfterSeconds >= 1));
        Assert.Null(other);
        Assert.Null(otherVendor);
    }

    [Fact]
    public void AcquireDeliveryPermit_LimitsOff_NeverRefuses()
    {
        // Arrange
        using var sut = CreateSut(burst: 1, enabled: false);

        // Act
        var answers = Enumerable.Range(0, 10).Select(_ => sut.AcquireDeliveryPermit("qbo", null)).ToList();

        // Assert
        Assert.All(answers, Assert.Null);
    }

    [Fact]
    public void AcquireHandshakePermit_DeliveryBudgetSpent_StillGrantsHandshakesUpToTheirOwnBudgetAndSpendsNoDeliveryPermit()
    {
        // Arrange: one delivery permit, two handshake permits.
        using var sut = new WebhookRateLimits(Options.Create(new WebhookRateLimitOptions { Burst = 1, PermitsPerSecond = 1, HandshakeBurst = 2, HandshakesPerMinute = 1 }));
        var delivery = sut.AcquireDeliveryPermit("freshbooks", "acme");

        // Act
        var handshakes = Enumerable.Range(0, 3).Select(_ => sut.AcquireHandshakePermit("freshbooks", "acme")).ToList();
        var otherConnection = sut.AcquireHandshakePermit("freshbooks", "globex");

        // Assert: the handshakes spent their own budget only; the third waits about a minute for its token.
        Assert.Null(delivery);
        Assert.Null(handshakes[0]);
        Assert.Null(handshakes[1]);
        var refused = Assert.IsType<WebhookRateLimitedResult>(handshakes[2]);
        Assert.InRange(refused.RetryAfterSeconds, 1, 60);
        Assert.Null(otherConnection);
        Assert.IsType<WebhookRateLimitedResult>(sut.AcquireDeliveryPermit("freshbooks", "acme"));
    }

    private static WebhookRateLimits CreateSut(int burst, bool enabled = true) =>
        new(Options.Create(new WebhookRateLimitOptions { Enabled = enabled, Burst = burst, PermitsPerSecond = 1 }));
}
