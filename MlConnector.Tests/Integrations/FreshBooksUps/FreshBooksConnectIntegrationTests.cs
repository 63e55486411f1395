using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Auth;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Integrations.FreshBooksUps;

/// <summary>
/// FreshBooks consent through the host's OAuth routes and the rotation of its single-use refresh tokens, on the real host
/// over Azurite with the OAuth and FreshBooks simulators.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FreshBooksConnectIntegrationTests(AzuriteFixture azurite)
{
    private static readonly string RefreshTokenSecret = SecretName.For(FreshBooksUpsSandbox.ConnectionId, "freshbooks-refresh-token");

    [Fact]
    public async Task Callback_RecordsTheAccountAndBusinessFromUsersMe()
    {
        // Arrange + Act (the sandbox connects through /api/oauth/freshbooks/connect and the callback)
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite);

        // Assert
        var connection = (await sandbox.Connections.GetAsync(FreshBooksUpsSandbox.ConnectionId))!;
        Assert.Equal(sandbox.FreshBooks.AccountId, connection.GetSetting("freshbooks", "accountId"));
        Assert.Equal(sandbox.FreshBooks.BusinessId.ToString(CultureInfo.InvariantCulture), connection.GetSetting("freshbooks", "businessId"));
    }

    [Fact]
    public async Task RotatedRefreshToken_SurvivesARestart()
    {
        // Arrange: access tokens shorter than the 60 s skew, so every use refreshes and FreshBooks rotates the refresh token.
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite, accessTokenLifetime: TimeSpan.FromSeconds(30));
        var consented = (await sandbox.Secrets.GetAsync(RefreshTokenSecret))!;
        await sandbox.Host.Services.GetRequiredService<IFreshBooksClient>().GetIdentityAsync(FreshBooksUpsSandbox.ConnectionId);
        var rotated = (await sandbox.Secrets.GetAsync(RefreshTokenSecret))!;

        // Act: a new process on the same storage uses the connection.
        await sandbox.RestartHostAsync();
        var identity = await sandbox.Host.Services.GetRequiredService<IFreshBooksClient>().GetIdentityAsync(FreshBooksUpsSandbox.ConnectionId);

        // Assert: each refresh used the token stored before it and stored its successor; the used ones are dead.
        Assert.Equal(sandbox.FreshBooks.AccountId, Assert.Single(identity.Businesses).AccountId);
        var latest = (await sandbox.Secrets.GetAsync(RefreshTokenSecret))!;
        Assert.NotEqual(consented, rotated);
        Assert.NotEqual(rotated, latest);
        Assert.False(sandbox.Idp.IsRefreshTokenValid(consented));
        Assert.False(sandbox.Idp.IsRefreshTokenValid(rotated));
        Assert.True(sandbox.Idp.IsRefreshTokenValid(latest));
        Assert.True(sandbox.Idp.CountRequests(FreshBooksUpsSandbox.FreshBooksClientId, "refresh_token") >= 2);
    }

    [Fact]
    public async Task RefusedRefresh_MarksTheConnectionNeedsReconsent()
    {
        // Arrange
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite, accessTokenLifetime: TimeSpan.FromSeconds(30));
        sandbox.Idp.FailWithInvalidGrant = true;

        // Act
        var error = await Assert.ThrowsAnyAsync<ConnectorException>(() => sandbox.Host.Services.GetRequiredService<IFreshBooksClient>().GetIdentityAsync(FreshBooksUpsSandbox.ConnectionId));

        // Assert
        Assert.Equal(ErrorKind.NeedsReconsent, error.Kind);
        var health = await sandbox.Host.Services.GetRequiredService<IOAuthTokenManager>().GetTokenHealthAsync(FreshBooksUpsSandbox.ConnectionId);
        Assert.Equal(OAuthTokenStatus.NeedsReconsent, Assert.Single(health, h => h.Provider == "freshbooks").Status);
    }
}
