using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>
/// Settings of the QuickBooks Online webhook intake and CDC reconciliation, bound from <c>QboEvents</c>. Holds no secret:
/// the verifier token is named, and read from the secret store, the way <c>OAuthProviderOptions.ClientSecretName</c> is.
/// </summary>
public sealed class QboEventsOptions
{
    /// <summary>The configuration section: <c>QboEvents</c>.</summary>
    public const string SectionName = "QboEvents";

    /// <summary>
    /// The <em>name</em> of the secret-store secret holding the Intuit app's webhook verifier token (one per Intuit app,
    /// shown in the developer dashboard), never the token itself. Default <c>qbo-webhook-verifier-token</c>.
    /// </summary>
    [Required]
    [RegularExpression("^[0-9a-zA-Z-]{1,127}$", ErrorMessage = "VerifierTokenName must be a valid secret name (letters, digits, hyphens).")]
    public string VerifierTokenName { get; set; } = "qbo-webhook-verifier-token";

    /// <summary>How many changes of one delivery or reconcile pass are dispatched at once. Default 8.</summary>
    [Range(1, 64)]
    public int MaxConcurrentDispatches { get; set; } = 8;
}
