using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Sandbox.Ups;

/// <content>Address Validation – Street Level (XAV), AddressValidation.yaml.</content>
public sealed partial class UpsSimulator
{
    private static readonly string[] ResidentialMarks = ["APT", "UNIT", "#"];
    private static readonly string[] CommercialMarks = ["STE", "SUITE", "FL"];

    private static string ClassificationDescription(string code) => code switch
    {
        "1" => "Commercial",
        "2" => "Residential",
        _ => "UnClassified",
    };

    private static JsonObject Classification(string code) => new() { ["Code"] = code, ["Description"] = ClassificationDescription(code) };

    private static string Classify(IEnumerable<string> lines)
    {
        var words = lines.SelectMany(l => l.ToUpperInvariant().Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (words.Any(w => ResidentialMarks.Contains(w) || w.StartsWith('#')))
        {
            return "2";
        }

        return words.Any(CommercialMarks.Contains) ? "1" : "0";
    }

    private static JsonObject CandidateKeyFormat(UpsAddress address)
    {
        var postal = address.PostalCode.Split('-', 2);
        var extended = postal.Length > 1 ? postal[1] : "0001";
        var key = new JsonObject();
        if (address.Name.Length > 0)
        {
            key["ConsigneeName"] = address.Name.ToUpperInvariant();
        }

        key["AddressLine"] = Strings(address.AddressLines.Select(l => l.ToUpperInvariant()));
        key["PoliticalDivision2"] = address.City.ToUpperInvariant();
        key["PoliticalDivision1"] = address.StateProvinceCode.ToUpperInvariant();
        key["PostcodePrimaryLow"] = postal[0];
        key["PostcodeExtendedLow"] = extended;
        key["Region"] = string.Create(CultureInfo.InvariantCulture, $"{address.City.ToUpperInvariant()} {address.StateProvinceCode.ToUpperInvariant()} {postal[0]}-{extended}");
        key["CountryCode"] = address.CountryCode.ToUpperInvariant();
        return key;
    }

    private static (UpsAddressClassification Result, IReadOnlyList<UpsAddress> Candidates) ApplyRules(UpsAddress input)
    {
        var zip = input.PostalCode.Split('-', 2)[0];
        if (input.AddressLines.Count == 0 || zip.Length != 5 || !zip.All(char.IsAsciiDigit))
        {
            return (UpsAddressClassification.NoCandidates, []);
        }

        var first = input.AddressLines[0];
        if (!char.IsAsciiDigit(first[0]))
        {
            return (UpsAddressClassification.Ambiguous, [
                input with { AddressLines = ["100 " + first, .. input.AddressLines.Skip(1)] },
                input with { AddressLines = ["200 " + first, .. input.AddressLines.Skip(1)] },
            ]);
        }

        return (UpsAddressClassification.Valid, [input]);
    }

    /// <summary><c>POST /addressvalidation/{version}/{requestoption}</c>: rules and seeds in <see cref="SeedAddressResult"/>.</summary>
    private Reply ValidateAddress(string option, IQueryCollection query, JsonObject? json)
    {
        if (option is not ("1" or "2" or "3"))
        {
            return Error(400, SimulatorCodes.XavRequestOption, "Invalid request option; valid values are 1, 2 and 3");
        }

        var request = json?["XAVRequest"] as JsonObject;
        var key = Many(request?["AddressKeyFormat"]).FirstOrDefault();
        if (key is null)
        {
            return Error(400, SimulatorCodes.XavMissingAddress, "Missing AddressKeyFormat");
        }

        var country = Str(key["CountryCode"])?.ToUpperInvariant();
        if (country is not ("US" or "PR"))
        {
            return Error(400, SimulatorCodes.XavCountry, "Invalid country code: Address Validation covers the U.S. and Puerto Rico");
        }

        var primary = Str(key["PostcodePrimaryLow"]) ?? string.Empty;
        var input = new UpsAddress(
            Str(key["ConsigneeName"]) ?? string.Empty,
            Lines(key["AddressLine"]),
            Str(key["PoliticalDivision2"]) ?? string.Empty,
            Str(key["PoliticalDivision1"]) ?? string.Empty,
            Str(key["PostcodeExtendedLow"]) is { Length: > 0 } extended ? primary + "-" + extended : primary,
            country);

        SeededAddress? seeded;
        lock (_lock)
        {
            seeded = _seededAddresses.GetValueOrDefault(AddressKey(input.AddressLines.Count > 0 ? input.AddressLines[0] : null, primary));
        }

        var (result, candidates) = seeded is null ? ApplyRules(input) : (seeded.Result, seeded.Candidates);
        var classificationCode = seeded?.ClassificationCode ?? Classify(input.AddressLines);
        var maximum = int.TryParse(query["maximumcandidatelistsize"], NumberStyles.None, CultureInfo.InvariantCulture, out var fromQuery) ? fromQuery
            : int.TryParse(Str(request!["MaximumCandidateListSize"]), NumberStyles.None, CultureInfo.InvariantCulture, out var fromBody) ? fromBody
            : DefaultMaximumCandidates;
        var classify = option is "2" or "3";

        var response = new JsonObject { ["Response"] = ResponseHeader(request) };
        response[result switch
        {
            UpsAddressClassification.Valid => "ValidAddressIndicator",
            UpsAddressClassification.Ambiguous => "AmbiguousAddressIndicator",
            _ => "NoCandidatesIndicator",
        }] = string.Empty;
        if (classify)
        {
            response["AddressClassification"] = Classification(classificationCode);
        }

        if (candidates.Count > 0)
        {
            response["Candidate"] = new JsonArray([.. candidates.Take(Math.Max(1, maximum)).Select(c =>
            {
                var candidate = new JsonObject();
                if (classify)
                {
                    candidate["AddressClassification"] = Classification(seeded?.ClassificationCode ?? Classify(c.AddressLines));
                }

                candidate["AddressKeyFormat"] = CandidateKeyFormat(c);
                return (JsonNode?)candidate;
            })]);
        }

        return new Reply(200, new JsonObject { ["XAVResponse"] = response });
    }
}
