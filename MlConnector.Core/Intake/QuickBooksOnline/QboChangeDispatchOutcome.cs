namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>What became of one QBO entity change.</summary>
public enum QboChangeDispatchOutcome
{
    /// <summary>A workflow was started for it.</summary>
    Started,

    /// <summary>The work for that entity already exists (a redelivery, or a change already handled).</summary>
    Duplicate,

    /// <summary>Nothing to do (an operation or entity state the integration does not act on).</summary>
    Ignored,
}
