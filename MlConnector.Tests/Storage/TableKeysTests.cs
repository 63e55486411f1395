using MlConnector.Core.Storage;

namespace MlConnector.Tests.Storage;

public class TableKeysTests
{
    [Theory]
    [InlineData("1001", "1001")]
    [InlineData("SO/2024#7?x", "SO%2F2024%237%3Fx")]
    [InlineData("a|b", "a%7Cb")]
    [InlineData("100%", "100%25")]
    [InlineData("back\\slash", "back%5Cslash")]
    public void Escape_DisallowedCharacters_AreReversiblyEncoded(string raw, string expected)
    {
        // Act
        var escaped = TableKeys.Escape(raw);

        // Assert
        Assert.Equal(expected, escaped);
        Assert.Equal(raw, TableKeys.Unescape(escaped));
    }

    [Fact]
    public void Escape_ControlCharacter_IsEncoded()
    {
        Assert.Equal("a%0Ab", TableKeys.Escape("a\nb"));
    }

    [Fact]
    public void InvertedTicks_NewerTime_SortsFirst()
    {
        var older = TableKeys.InvertedTicks(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var newer = TableKeys.InvertedTicks(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(newer, older) < 0);
        Assert.Equal(19, newer.Length);
    }
}
