namespace MlConnector.Core.Auth;

/// <summary>
/// Records on the connection what a provider tells only after consent (FreshBooks: the <c>account_id</c> and
/// <c>business_id</c> of <c>users/me</c>), run by the OAuth callback right after the code exchange stored the tokens.
/// At most one per provider; QuickBooks Online needs none (its <c>realmId</c> comes on the callback URL).
/// </summary>
public interface IOAuthConsentRecorder
{
    /// <summary>The provider name under <c>OAuth:Providers</c>, for example <c>freshbooks</c>.</summary>
    string Provider { get; }

    /// <summary>Reads the provider's identity with the connection's new token and writes it into the connection's settings.</summary>
    /// <param name="connectionId">The connection that just consented.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A short text for the confirmation page, for example <c>FreshBooks account 6BApk (business 6543)</c>.</returns>
    /// <exception cref="Errors.ConnectorException">When the provider cannot be read (the callback answers 502; connecting again retries).</exception>
    Task<string> RecordAsync(string connectionId, CancellationToken cancellationToken = default);
}
