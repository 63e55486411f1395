namespace MlConnector.Core.Failures;

/// <summary>One open failure as the operator API lists it (<c>GET /api/failures</c>).</summary>
/// <param name="Id">The failed workflow instance id (what <c>POST /api/failures/replay</c> takes).</param>
/// <param name="ConnectionId">The connection, when the id names one.</param>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="BusinessKey">The business record from the instance id (<c>order:1001</c>, <c>po:77</c>, <c>tracking:1Z…</c>).</param>
/// <param name="FailedAt">When the instance failed, UTC.</param>
/// <param name="ErrorKind">The taxonomy class (<see cref="Errors.ErrorKind"/> name).</param>
/// <param name="WhatToFix">The sentence for a person (<see cref="FailureAdvice.WhatToFix"/>).</param>
/// <param name="WhoFixes">One of <see cref="FailureOwner"/>'s values.</param>
/// <param name="Detail">The failure's full message, for support (no secrets: connector exceptions carry none).</param>
public sealed record FailureRecord(
    string Id,
    string? ConnectionId,
    string Workflow,
    string? BusinessKey,
    DateTimeOffset FailedAt,
    string ErrorKind,
    string WhatToFix,
    string WhoFixes,
    string Detail);
