namespace MlConnector.Core.Connectors.Ups;

/// <summary>The result of an Address Validation call.</summary>
/// <param name="Classification">Valid, ambiguous or no candidates.</param>
/// <param name="Candidates">UPS's candidate addresses (one for a valid address, several for an ambiguous one, none otherwise).</param>
/// <remarks>Source: contracts/ups/AddressValidation.yaml (<c>XAVResponse.Candidate</c>, object or array).</remarks>
public sealed record UpsAddressValidation(UpsAddressClassification Classification, IReadOnlyList<UpsAddress> Candidates);
