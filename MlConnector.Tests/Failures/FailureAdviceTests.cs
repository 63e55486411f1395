using MlConnector.Core.Errors;
using MlConnector.Core.Failures;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Failures;

public class FailureAdviceTests
{
    [Theory]
    [InlineData(ErrorKind.Validation, FailureOwner.MerchantData)]
    [InlineData(ErrorKind.NotFound, FailureOwner.MerchantData)]
    [InlineData(ErrorKind.PartnerRejected, FailureOwner.MerchantData)]
    [InlineData(ErrorKind.NeedsReconsent, FailureOwner.MerchantConsent)]
    [InlineData(ErrorKind.Transient, FailureOwner.VendorOutage)]
    [InlineData(ErrorKind.RateLimited, FailureOwner.VendorOutage)]
    [InlineData(ErrorKind.Conflict, FailureOwner.MlConnector)]
    [InlineData(ErrorKind.Unknown, FailureOwner.MlConnector)]
    public void WhoFixes_EachKind_NamesTheOwner(ErrorKind kind, string expected) =>
        Assert.Equal(expected, FailureAdvice.WhoFixes(kind));

    [Fact]
    public void WhatToFix_ActivityFailure_KeepsTheProblemAndDropsThePlumbing()
    {
        // Arrange
        var failure = new WorkflowFailureDetails(ErrorKind.Validation, "X", "Activity 'QboCheckOrderActivity' (#1) failed after 1 attempt(s): Validation: Order 1001 cannot be invoiced: SKU GRINDER-X has no QBO item.");

        // Act
        var sentence = FailureAdvice.WhatToFix(failure);

        // Assert
        Assert.Equal("Correct the data, then replay: Order 1001 cannot be invoiced: SKU GRINDER-X has no QBO item.", sentence);
    }

    [Fact]
    public void WhatToFix_Reconsent_TellsTheMerchantToReconnectWithoutTheVendorText()
    {
        // Arrange
        var failure = new WorkflowFailureDetails(ErrorKind.NeedsReconsent, "X", "Activity 'A' (#2) failed after 1 attempt(s): NeedsReconsent: invalid_grant from the token endpoint");

        // Act
        var sentence = FailureAdvice.WhatToFix(failure);

        // Assert
        Assert.Contains("reconnect", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid_grant", sentence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shipstation-qbo:c1:order:1001", "order:1001")]
    [InlineData("shipstation-qbo:c1:order:1001:r2", "order:1001")]
    [InlineData("qbo-ups:c1:po:77%2F1", "po:77/1")]
    [InlineData("plain-id", null)]
    public void BusinessKeyOf_InstanceIds_ReturnsTheRecordWithoutReplaySuffix(string instanceId, string? expected) =>
        Assert.Equal(expected, FailureTriage.BusinessKeyOf(instanceId));
}
