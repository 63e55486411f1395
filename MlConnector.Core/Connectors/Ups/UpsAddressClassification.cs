namespace MlConnector.Core.Connectors.Ups;

/// <summary>What XAV said about an address: exactly one of its three indicators.</summary>
/// <remarks>Source: contracts/ups/AddressValidation.yaml (<c>ValidAddressIndicator</c>, <c>AmbiguousAddressIndicator</c>, <c>NoCandidatesIndicator</c>).</remarks>
public enum UpsAddressClassification
{
    /// <summary><c>ValidAddressIndicator</c>: the address is valid; the one candidate is its standardised form.</summary>
    Valid,

    /// <summary><c>AmbiguousAddressIndicator</c>: UPS found several candidates; a person must choose and correct the address.</summary>
    Ambiguous,

    /// <summary><c>NoCandidatesIndicator</c>: UPS found no address like it; the address is invalid.</summary>
    NoCandidates,
}
