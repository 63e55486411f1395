using System.Text.RegularExpressions;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Failures;

/// <summary>
/// Turns a workflow failure into what a person reads: a short "what to fix" sentence and who fixes it
/// (<see cref="FailureOwner"/>), decided by the <see cref="ErrorKind"/>. The plumbing (activity name, step number,
/// attempts, exception type) is cut from the sentence and stays in the failure's detail and in the log.
/// </summary>
public static partial class FailureAdvice
{
    /// <summary>Who fixes a failure of a kind.</summary>
    /// <param name="kind">The failure's kind.</param>
    /// <returns>One of <see cref="FailureOwner"/>'s values.</returns>
    public static string WhoFixes(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation or ErrorKind.NotFound or ErrorKind.PartnerRejected => FailureOwner.MerchantData,
        ErrorKind.NeedsReconsent => FailureOwner.MerchantConsent,
        ErrorKind.Transient or ErrorKind.RateLimited => FailureOwner.VendorOutage,
        _ => FailureOwner.MlConnector,
    };

    /// <summary>The sentence a person acts on.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>One or two sentences, without activity names, attempt counts or exception types.</returns>
    public static string WhatToFix(WorkflowFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var problem = Problem(failure.Message);
        return failure.Kind switch
        {
            ErrorKind.Validation => $"Correct the data, then replay: {problem}",
            ErrorKind.NotFound => $"A record it refers to no longer exists; restore it or correct the reference, then replay: {problem}",
            ErrorKind.PartnerRejected => $"The trading partner rejected the document; correct it as the partner says, then replay: {problem}",
            ErrorKind.NeedsReconsent => "The vendor refused our credentials: reconnect the account (OAuth consent or a new API key), then replay.",
            ErrorKind.RateLimited => "The vendor kept throttling us past every retry; replay once its limits have recovered.",
            ErrorKind.Transient => "The vendor was unreachable or failing past every retry; replay once it answers again.",
            ErrorKind.Conflict => "The record kept changing while we wrote it; replay, and tell ml-connector support if it fails again.",
            ErrorKind.Paused => "The connection is paused; resume it and this runs by itself.",
            _ => "Something failed on ml-connector's side; ml-connector support has the details in the log.",
        };
    }

    /// <summary>The failure message without the plumbing prefix (<c>Activity 'X' (#1) failed after 1 attempt(s): Validation: </c>, <c>Workflow 'X' failed: Conflict: </c>).</summary>
    /// <param name="message">The failure message.</param>
    /// <returns>The vendor-neutral problem text.</returns>
    public static string Problem(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = PlumbingPrefix().Match(message);
        return match.Success ? message[match.Length..] : message;
    }

    [GeneratedRegex(@"^(?:Activity '[^']*' \(#\d+\) failed after \d+ attempt\(s\)|Workflow '[^']*' failed): \w+: ", RegexOptions.CultureInvariant)]
    private static partial Regex PlumbingPrefix();
}
