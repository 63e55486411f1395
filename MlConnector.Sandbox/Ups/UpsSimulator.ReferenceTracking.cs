using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MlConnector.Sandbox.Ups;

/// <content>Tracking by reference number (Tracking.yaml <c>/track/v1/reference/details/{referenceNumber}</c>).</content>
public sealed partial class UpsSimulator
{
    /// <summary>
    /// <c>GET /track/v1/reference/details/{referenceNumber}</c> (Tracking.yaml, "Track by Reference Number"): every package
    /// of the caller's shipper numbers whose reference is <paramref name="reference"/>, narrowed by the optional
    /// <c>destCountry</c> and <c>destZip</c> (first five characters) query parameters, answered as a <c>TrackApiResponse</c>.
    /// Voided shipments are left out and nothing found answers 200 with warning <c>TW0001</c>, as the details route does
    /// (UPS-API/api-documentation#166); both are the simulator's choices, since Tracking.yaml documents neither. The
    /// pick-up date window (<c>fromPickUpDate</c>, <c>toPickUpDate</c>, default the last 14 days) is not applied: every
    /// simulated shipment is recent.
    /// </summary>
    private Reply TrackByReference(HttpRequest request, string reference, IssuedToken token)
    {
        if (Header(request, "transId") is null)
        {
            return Error(400, "VSS002", "Missing transId");
        }

        if (Header(request, "transactionSrc") is null)
        {
            return Error(400, "VSS004", "Missing transactionSrc");
        }

        var country = request.Query["destCountry"].ToString();
        var zip = request.Query["destZip"].ToString();
        JsonArray packages;
        lock (_lock)
        {
            packages = [.. _packages.Values
                .Where(p => string.Equals(p.Reference, reference, StringComparison.Ordinal)
                    && !p.Shipment.Voided
                    && token.Client.ShipperNumbers.Contains(p.Shipment.ToPublic().ShipperNumber)
                    && (country.Length == 0 || string.Equals(p.Destination.Country, country, StringComparison.OrdinalIgnoreCase))
                    && (zip.Length == 0 || string.Equals(Zip5(p.Destination.PostalCode), Zip5(zip), StringComparison.Ordinal)))
                .OrderBy(p => p.TrackingNumber, StringComparer.Ordinal)
                .Select(p => (JsonNode)PackageJson(p))];
        }

        var shipment = packages.Count > 0
            ? new JsonObject { ["inquiryNumber"] = reference, ["package"] = packages }
            : new JsonObject
            {
                ["inquiryNumber"] = reference,
                ["warnings"] = new JsonArray(new JsonObject { ["code"] = "TW0001", ["message"] = "Tracking Information Not Found" }),
            };
        return new Reply(200, new JsonObject { ["trackResponse"] = new JsonObject { ["shipment"] = new JsonArray(shipment) } });
    }

    private static string Zip5(string? postalCode) => new([.. (postalCode ?? string.Empty).Trim().Take(5)]);
}
