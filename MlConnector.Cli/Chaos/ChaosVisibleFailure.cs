using MlConnector.Core.Diagnostics;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// One record that failed visibly in a chaos run, as the report keeps it: which record, which workflow failed with what
/// (the operator route's kind, "what to fix" and full message) and whether its replay synced it. Nothing here is a secret:
/// the failure texts come from <c>GET /api/failures</c>, whose connector exceptions carry none, and the detail passes
/// <see cref="CredentialRedactor"/> once more.
/// </summary>
/// <param name="Record">The source record's reconciliation key (<c>order:1001</c>, <c>SPSALLTESTID/CH00001</c>).</param>
/// <param name="Id">The failed workflow instance id.</param>
/// <param name="Workflow">The failed workflow's name.</param>
/// <param name="ErrorKind">The taxonomy class.</param>
/// <param name="WhatToFix">The sentence for a person.</param>
/// <param name="Detail">The failure's full message (which step threw what), credential values redacted.</param>
/// <param name="Replayed">True when the record was synced exactly once after its replay.</param>
internal sealed record ChaosVisibleFailure(string Record, string Id, string Workflow, string ErrorKind, string WhatToFix, string Detail, bool Replayed)
{
    /// <summary>The report's entry for <paramref name="failure"/> of <paramref name="record"/>.</summary>
    public static ChaosVisibleFailure Of(string record, ChaosFailure failure, bool replayed)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(record, failure.Id, failure.Workflow, failure.ErrorKind, failure.WhatToFix, CredentialRedactor.Redact(failure.Detail) ?? string.Empty, replayed);
    }
}
