using MlConnector.Core.Connectors.QuickBooksOnline;

namespace MlConnector.Tests.Connectors.QuickBooksOnline;

public sealed class QboQueryTests
{
    [Theory]
    [InlineData("1001", "'1001'")]
    [InlineData("O'Brien", @"'O\'Brien'")]
    [InlineData(@"back\slash", @"'back\\slash'")]
    [InlineData(@"\'", @"'\\\''")]
    [InlineData("", "''")]
    public void Literal_SpecialCharacters_EscapedWithBackslash(string value, string expected)
    {
        // Act
        var literal = QboQuery.Literal(value);

        // Assert
        Assert.Equal(expected, literal);
    }

    [Fact]
    public void SelectAll_TwoConditions_JoinsWithAnd()
    {
        // Act
        var statement = QboQuery.Page(QboQuery.SelectAll("Customer", ("DisplayName", "Ada"), ("PrimaryEmailAddr", "a@b.c")), 11, 10);

        // Assert
        Assert.Equal("select * from Customer where DisplayName = 'Ada' and PrimaryEmailAddr = 'a@b.c' STARTPOSITION 11 MAXRESULTS 10", statement);
    }

    [Theory]
    [InlineData("Invoice; drop")]
    [InlineData("Invoice where")]
    [InlineData("")]
    public void SelectAll_NotAnIdentifier_Throws(string entity)
    {
        // Act / Assert
        Assert.ThrowsAny<ArgumentException>(() => QboQuery.SelectAll(entity));
    }

    [Fact]
    public void SelectIn_Values_QuotesEachInOneInClause()
    {
        // Act
        var statement = QboQuery.SelectIn("Invoice", "DocNumber", ["1001", "O'Brien-7"]);

        // Assert
        Assert.Equal("select * from Invoice where DocNumber in ('1001', 'O\\'Brien-7')", statement);
    }

    [Fact]
    public void SelectIn_NoValues_Throws()
    {
        // Act / Assert
        Assert.Throws<ArgumentException>(() => QboQuery.SelectIn("Invoice", "DocNumber", []));
    }
}
