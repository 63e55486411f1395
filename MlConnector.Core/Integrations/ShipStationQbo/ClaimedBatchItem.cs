using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>An order or shipment of a batch chunk whose ledger claim this run holds (<see cref="QboBatchAttempts"/>).</summary>
/// <param name="claim">The ledger claim.</param>
internal abstract class ClaimedBatchItem(LedgerClaim claim)
{
    /// <summary>The ledger claim.</summary>
    public LedgerClaim Claim { get; } = claim;

    /// <summary>True while this run holds the claim and has neither completed nor failed it.</summary>
    public bool Open { get; set; } = true;
}
