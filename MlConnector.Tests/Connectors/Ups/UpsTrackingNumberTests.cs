using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Tests.Connectors.Ups;

/// <summary>
/// The shapes of UPSTrackAlert.yaml's <c>TrackingNumber</c> schema, its own examples first. Its third example,
/// <c>1R123456789123456789012345</c>, has 24 characters after <c>1R</c>, against its pattern and description (26); the
/// pattern is followed.
/// </summary>
public sealed class UpsTrackingNumberTests
{
    [Theory]
    [InlineData("1Z1234567891234556")]
    [InlineData("1R12345678912345")]
    [InlineData("1R12345678912345678901234567")]
    [InlineData("1Z204W4R0308071865")]
    [InlineData("1ZCIETST0111111114")]
    public void IsValid_DocumentedShapes_True(string value) => Assert.True(UpsTrackingNumber.IsValid(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1Z123456789123455")]
    [InlineData("1Z12345678912345567")]
    [InlineData("1R1234567891234")]
    [InlineData("1R1234567891234567")]
    [InlineData("1z1234567891234556")]
    [InlineData("1Z123456789123455\u0665")]
    [InlineData("1Z123456789123455\uFF16")]
    [InlineData("1Z1234567891234556\n")]
    [InlineData("1Z1234567891234556 ")]
    [InlineData("9400111899223856123456")]
    [InlineData("../../etc/passwd")]
    public void IsValid_OtherText_False(string? value) => Assert.False(UpsTrackingNumber.IsValid(value));
}
