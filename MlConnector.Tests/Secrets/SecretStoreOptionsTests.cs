using System.ComponentModel.DataAnnotations;
using MlConnector.Core.Secrets;

namespace MlConnector.Tests.Secrets;

public sealed class SecretStoreOptionsTests
{
    [Fact]
    public void ResolveLocalKeyDirectory_NotConfigured_UsesMlConnectorKeysUnderLocalAppData()
    {
        // Arrange
        var sut = new SecretStoreOptions();

        // Act
        var directory = sut.ResolveLocalKeyDirectory();

        // Assert
        Assert.True(Path.IsPathFullyQualified(directory));
        Assert.EndsWith(Path.Combine(".mlconnector", "keys"), directory, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveLocalKeyDirectory_RelativePath_IsMadeAbsolute()
    {
        // Arrange
        var sut = new SecretStoreOptions { LocalKeyDirectory = Path.Combine("state", "keys") };

        // Act
        var directory = sut.ResolveLocalKeyDirectory();

        // Assert
        Assert.Equal(Path.GetFullPath(Path.Combine("state", "keys")), directory);
    }

    [Theory]
    [InlineData("https://contoso-ml.vault.azure.net/", true)]
    [InlineData("http://contoso-ml.vault.azure.net/", false)]
    [InlineData(null, true)]
    public void Validate_KeyVaultUri_RequiresHttps(string? uri, bool valid)
    {
        // Arrange
        var sut = new SecretStoreOptions { KeyVaultUri = uri is null ? null : new Uri(uri) };
        var results = new List<ValidationResult>();

        // Act
        var ok = Validator.TryValidateObject(sut, new ValidationContext(sut), results, validateAllProperties: true);

        // Assert
        Assert.Equal(valid, ok);
        Assert.Equal(sut.KeyVaultUri is not null, sut.UsesKeyVault);
    }
}
