using Microsoft.DurableTask;

namespace MlConnector.Tests.Functions.Compat;

/// <summary>The compat TaskName must behave as the real one: orchestrator tests match activity names through it.</summary>
public class TaskNameTests
{
    [Fact]
    public void ImplicitConversion_FromString_RoundTripsTheName()
    {
        // Arrange / Act
        TaskName sut = "QboCreateInvoiceActivity";
        string back = sut;

        // Assert
        Assert.Equal("QboCreateInvoiceActivity", sut.Name);
        Assert.Equal("QboCreateInvoiceActivity", back);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ImplicitConversion_FromNullOrEmpty_IsDefault(string? name)
    {
        // Arrange / Act
        TaskName sut = name!;

        // Assert
        Assert.Equal(default, sut);
        Assert.Null(sut.Name);
    }

    [Fact]
    public void Equals_DifferentCase_IsEqualWithEqualHashCodes()
    {
        // Arrange
        var sut = new TaskName("QboCreateInvoiceActivity");
        var other = new TaskName("qbocreateinvoiceactivity");

        // Act / Assert
        Assert.True(sut == other);
        Assert.Equal(sut.GetHashCode(), other.GetHashCode());
        Assert.NotEqual(sut, new TaskName("QboCreateBillActivity"));
    }
}
