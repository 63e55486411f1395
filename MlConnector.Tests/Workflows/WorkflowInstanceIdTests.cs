using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows;

public class WorkflowInstanceIdTests
{
    [Fact]
    public void For_PlainParts_JoinsWithColons()
    {
        // Act
        var id = WorkflowInstanceId.For("shipstation-qbo", "c42", "order:1001");

        // Assert
        Assert.Equal("shipstation-qbo:c42:order:1001", id);
        Assert.Equal("c42", WorkflowInstanceId.GetConnectionId(id));
    }

    [Fact]
    public void For_CharactersTablesAndDurableReject_AreEncodedAndReversible()
    {
        // Act
        var id = WorkflowInstanceId.For("qbo-ups", "acme:eu/1", "po:A/B#7?x%ü");

        // Assert
        WorkflowInstanceId.Validate(id);
        Assert.DoesNotContain('/', id);
        Assert.DoesNotContain('#', id);
        Assert.DoesNotContain('?', id);
        Assert.StartsWith("qbo-ups:acme%3Aeu%2F1:po:A%2FB%237%3Fx%25%C3%BC", id, StringComparison.Ordinal);
        Assert.Equal("acme:eu/1", WorkflowInstanceId.GetConnectionId(id));
        Assert.Equal("acme:eu/1", WorkflowInstanceId.GetConnectionId(id + ":r2"));
    }

    [Fact]
    public void For_VeryLongBusinessKey_IsCappedUniqueAndDeterministic()
    {
        // Arrange
        var longKey = "order:" + new string('9', 400);

        // Act
        var first = WorkflowInstanceId.For("shipstation-qbo", "c1", longKey);
        var again = WorkflowInstanceId.For("shipstation-qbo", "c1", longKey);
        var other = WorkflowInstanceId.For("shipstation-qbo", "c1", longKey + "0");

        // Assert
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.True(first.Length <= WorkflowInstanceId.MaxBaseLength);
        WorkflowInstanceId.Validate(first + ":r9");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\\b")]
    [InlineData("a?b")]
    [InlineData("line\nbreak")]
    [InlineData("@counter")]
    public void Validate_IdsTablesOrDurableReject_Throw(string instanceId)
    {
        // Act + Assert
        Assert.ThrowsAny<ArgumentException>(() => WorkflowInstanceId.Validate(instanceId));
    }

    [Fact]
    public void Validate_TooLong_Throws()
    {
        // Act + Assert
        Assert.Throws<ArgumentException>(() => WorkflowInstanceId.Validate(new string('a', WorkflowInstanceId.MaxLength + 1)));
    }

    [Fact]
    public void GetConnectionId_IdNotFromFor_ReturnsNull()
    {
        // Act + Assert
        Assert.Null(WorkflowInstanceId.GetConnectionId("plain-guid-id"));
    }

    [Fact]
    public void IsReplay_ReplayIdsAndOthers_TrueOnlyForAReplaySuffix()
    {
        // Arrange
        var root = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:7004");

        // Act + Assert: a suffix without digits, or with other characters, is not a replay.
        Assert.True(WorkflowInstanceId.IsReplay(WorkflowInstanceId.ForReplay(root, 1)));
        Assert.True(WorkflowInstanceId.IsReplay(WorkflowInstanceId.ForReplay(WorkflowInstanceId.ForReplay(root, 1), 12)));
        Assert.False(WorkflowInstanceId.IsReplay(root));
        Assert.False(WorkflowInstanceId.IsReplay(root + ":r"));
        Assert.False(WorkflowInstanceId.IsReplay(root + ":rx1"));
    }

    [Fact]
    public void RootOf_ReplayChain_ReturnsTheIdItStartedFrom()
    {
        // Arrange
        var root = WorkflowInstanceId.For("shipstation-qbo", "c1", "order:7004");
        var first = WorkflowInstanceId.ForReplay(root, 1);

        // Act + Assert: every replay suffix goes, however many.
        Assert.Equal(root, WorkflowInstanceId.RootOf(first));
        Assert.Equal(root, WorkflowInstanceId.RootOf(WorkflowInstanceId.ForReplay(first, 12)));
        Assert.Equal(root, WorkflowInstanceId.RootOf(WorkflowInstanceId.ForReplay(WorkflowInstanceId.ForReplay(first, 2), 3)));
    }

    [Theory]
    [InlineData("shipstation-qbo:c1:order:7004")]
    [InlineData("shipstation-qbo:c1:order:7004:r")]
    [InlineData("shipstation-qbo:c1:order:7004:rx1")]
    [InlineData("shipstation-qbo:c1:order:7004:r1x")]
    [InlineData(":r1")]
    [InlineData("plain-guid-id")]
    public void RootOf_NotAReplay_ReturnsTheIdUnchanged(string instanceId)
    {
        // Act + Assert: a suffix without digits, with other characters, or with nothing before it is kept.
        Assert.Equal(instanceId, WorkflowInstanceId.RootOf(instanceId));
    }

    [Fact]
    public void RootOf_ReplaySuffixAfterANonReplaySuffix_StopsThere()
    {
        // Act + Assert: only the trailing run of replay suffixes is the chain.
        Assert.Equal("k:c:order:7:rx", WorkflowInstanceId.RootOf("k:c:order:7:rx:r1:r2"));
    }
}
