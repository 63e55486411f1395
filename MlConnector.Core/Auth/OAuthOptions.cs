using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace MlConnector.Core.Auth;

/// <summary>Token management settings, bound from the <c>OAuth</c> configuration section.</summary>
public sealed partial class OAuthOptions : IValidatableObject
{
    /// <summary>The configuration section: <c>OAuth</c>.</summary>
    public const string SectionName = "OAuth";

    /// <summary>Providers by name (<c>qbo</c>, <c>freshbooks</c>, <c>ups</c>, <c>sps</c>); the name is also the secret-name prefix.</summary>
    public IDictionary<string, OAuthProviderOptions> Providers { get; } =
        new Dictionary<string, OAuthProviderOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A cached access token is replaced this long before it expires. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AccessTokenSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Warn (log and audit) when a refresh token's hard expiry is this close. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan HardExpiryWarningWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an authorization <c>state</c> stays valid. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long one instance holds the cross-instance refresh lease. Must exceed <see cref="TokenRequestTimeout"/>,
    /// so a lease never lapses while its holder still waits for the provider. Default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan RefreshLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an instance that lost the refresh lease re-reads the token row. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RefreshLeasePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The HTTP timeout for one token-endpoint call. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the consent callback (<c>GET /api/oauth/{provider}/callback</c>) replays the failures that waited for consent
    /// before it answers the merchant's browser. Default 10 seconds; zero: the callback replays nothing itself. What is left
    /// is replayed off the request path by the <c>Schedules:ReconsentReplay</c> sweep (every 30 seconds by default, for
    /// consents of the last hour), so a merchant with hundreds of stopped tasks is not left looking at a page that does not
    /// load (browsers and HttpClient give up after 100 seconds or so) while the storage works through them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CallbackReplayBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RefreshLeaseDuration <= TokenRequestTimeout)
        {
            yield return new ValidationResult(
                "OAuth:RefreshLeaseDuration must be longer than OAuth:TokenRequestTimeout.",
                [nameof(RefreshLeaseDuration), nameof(TokenRequestTimeout)]);
        }

        foreach (var (name, provider) in Providers)
        {
            if (!SecretNamePart().IsMatch(name))
            {
                yield return new ValidationResult($"OAuth:Providers:{name}: the name must be lowercase letters, digits and hyphens.", [nameof(Providers)]);
            }

            var results = new List<ValidationResult>();
            if (provider is null || !Validator.TryValidateObject(provider, new ValidationContext(provider), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return new ValidationResult($"OAuth:Providers:{name}: {result.ErrorMessage}", [nameof(Providers)]);
                }
            }
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretNamePart();
}
