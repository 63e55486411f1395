using MlConnector.Core.Integrations.QbdShipStation;

namespace MlConnector.Tests.Integrations.QbdShipStation;

/// <summary>The memo lines ml-connector writes on an order's QuickBooks Desktop transaction, and how a correction adds one.</summary>
public sealed class QbdShipStationMemoTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Append_NoCurrentMemo_IsTheLineAlone(string? current)
    {
        // Act
        var memo = QbdShipStationMemo.Append(current, "ShipStation order 1001 corrected 2026-03-09");

        // Assert
        Assert.Equal("ShipStation order 1001 corrected 2026-03-09", memo);
    }

    [Fact]
    public void Append_CurrentMemo_AddsTheLineAfterASeparator()
    {
        // Act
        var memo = QbdShipStationMemo.Append("ShipStation order 1001 shipped 2026-03-08 ups 1Z999", "ShipStation order 1001 corrected 2026-03-09");

        // Assert
        Assert.Equal("ShipStation order 1001 shipped 2026-03-08 ups 1Z999 | ShipStation order 1001 corrected 2026-03-09", memo);
    }

    [Fact]
    public void Append_LongerThanTheLimit_KeepsTheNewestCharacters()
    {
        // Arrange
        var current = new string('x', QbdShipStationMemo.MaxLength);

        // Act
        var memo = QbdShipStationMemo.Append(current, "newest line");

        // Assert
        Assert.Equal(QbdShipStationMemo.MaxLength, memo.Length);
        Assert.EndsWith("x | newest line", memo, StringComparison.Ordinal);
    }
}
