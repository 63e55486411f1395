namespace MlConnector.Core.Failures;

/// <summary>What a bulk replay did with one id (<c>outcome</c> in <c>POST /api/failures/replay</c>).</summary>
public static class FailureReplayOutcome
{
    /// <summary>A replay instance was started.</summary>
    public const string Replayed = "replayed";

    /// <summary>It had been replayed before; the existing replay is named and nothing was started.</summary>
    public const string AlreadyReplayed = "already-replayed";

    /// <summary>The connection is paused: the replay is held and runs on resume.</summary>
    public const string Held = "held";

    /// <summary>No instance has that id.</summary>
    public const string NotFound = "not-found";

    /// <summary>The instance has not failed (running, or completed).</summary>
    public const string NotFailed = "not-failed";
}
