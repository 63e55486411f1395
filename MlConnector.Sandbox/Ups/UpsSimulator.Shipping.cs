using System.Globalization;
using System.Text.Json.Nodes;

namespace MlConnector.Sandbox.Ups;

/// <content>Rating (Rating.yaml) and Shipping (Shipping.yaml): validation, charges, shipments, tracking numbers, labels and voids.</content>
public sealed partial class UpsSimulator
{
    private static bool IsDomestic(string? from, string? to) =>
        from is "US" or "PR" && to is "US" or "PR";

    private static bool HasAddress(JsonObject? party) =>
        party?["Address"] is JsonObject address && Lines(address["AddressLine"]).Count > 0 && Str(address["City"]) is { Length: > 0 } && Str(address["CountryCode"]) is { Length: 2 };

    /// <summary>
    /// A 1Z tracking number: <c>1Z</c>, the 6-character shipper number, the 2-digit service code, a 7-digit package sequence
    /// and the check digit. The check digit is computed over the 15 characters after <c>1Z</c>: letters count as
    /// <c>(ASCII − 63) mod 10</c>, characters in even positions (2nd, 4th, …) are doubled, and the digit is
    /// <c>(10 − sum mod 10) mod 10</c>. This reproduces the check digit of every 1Z number in UPS's files
    /// (<c>1ZWA82900123277535</c> in samples/shipping/resp_ShipmentResponse.json; <c>1ZCIETST0111111114</c>,
    /// <c>1ZCIETST0422222228</c>, <c>1Z1234567891234556</c> and <c>1Z204W4R0308071865</c> in UPSTrackAlert.yaml).
    /// </summary>
    private static string TrackingNumber(string shipperNumber, string serviceCode, long sequence)
    {
        var body = shipperNumber.ToUpperInvariant() + serviceCode + (sequence % 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : (c - 63) % 10;
            sum += i % 2 == 1 ? value * 2 : value;
        }

        return "1Z" + body + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
    }

    private static JsonObject WeightJson(decimal pounds) => new()
    {
        ["UnitOfMeasurement"] = new JsonObject { ["Code"] = "LBS", ["Description"] = "Pounds" },
        ["Weight"] = pounds.ToString("0.0", CultureInfo.InvariantCulture),
    };

    /// <summary>Reads what Rating and Shipping share; null with the error when something required is missing.</summary>
    private static (ParsedShipment? Shipment, Reply? Error) ParseShipment(JsonObject shipment, bool shipping)
    {
        var shipper = shipment["Shipper"] as JsonObject;
        var shipTo = shipment["ShipTo"] as JsonObject;
        var shipFrom = shipment["ShipFrom"] as JsonObject;
        if (!HasAddress(shipper))
        {
            return (null, shipping ? Error(400, "120100", "Missing or invalid shipper number") : Error(400, SimulatorCodes.RateShipper, "Missing or invalid Shipper address"));
        }

        if (!HasAddress(shipTo) || (shipping && Str(shipTo!["Name"]) is not { Length: > 0 }))
        {
            return (null, shipping ? Error(400, SimulatorCodes.ShipShipTo, "Missing or invalid ShipTo name or address") : Error(400, SimulatorCodes.RateShipTo, "Missing or invalid ShipTo address"));
        }

        if (shipping && !HasAddress(shipFrom))
        {
            return (null, Error(400, SimulatorCodes.ShipShipFrom, "Missing or invalid ShipFrom address"));
        }

        var packages = new List<(decimal Pounds, string? Reference)>();
        foreach (var package in Many(shipment["Package"]))
        {
            var weight = package["PackageWeight"] as JsonObject;
            var packaging = package[shipping ? "Packaging" : "PackagingType"] ?? package["Packaging"] ?? package["PackagingType"];
            if (Decimal(weight?["Weight"]) is not > 0 || (shipping && Str(packaging?["Code"]) is not { Length: > 0 }))
            {
                return (null, shipping ? Error(400, SimulatorCodes.ShipPackage, "Missing or invalid package packaging code or weight") : Error(400, SimulatorCodes.RatePackage, "Missing or invalid package weight"));
            }

            packages.Add((BillablePounds(Decimal(weight!["Weight"])!.Value, Str(weight["UnitOfMeasurement"]?["Code"])), Str(Many(package["ReferenceNumber"]).FirstOrDefault()?["Value"])));
        }

        if (packages.Count == 0)
        {
            return (null, shipping ? Error(400, SimulatorCodes.ShipPackage, "Missing package") : Error(400, SimulatorCodes.RatePackage, "Missing package"));
        }

        var origin = (shipFrom is not null && HasAddress(shipFrom) ? shipFrom : shipper)!;
        var payment = shipment[shipping ? "PaymentInformation" : "PaymentDetails"];
        var billShipper = Many(payment?["ShipmentCharge"]).Select(c => Str(c["BillShipper"]?["AccountNumber"])).FirstOrDefault(a => a is not null);
        return (new ParsedShipment(
            Str(shipper!["ShipperNumber"])?.ToUpperInvariant(),
            Place.From(origin["Address"]),
            Place.From(shipTo!["Address"]),
            Str(shipment["Service"]?["Code"]),
            packages,
            shipment["ShipmentRatingOptions"] is JsonObject options && options.ContainsKey("NegotiatedRatesIndicator"),
            payment is not null,
            billShipper?.ToUpperInvariant(),
            Str(Many(shipment["ReferenceNumber"]).FirstOrDefault()?["Value"])), null);
    }

    private decimal? NegotiatedTotal(ParsedShipment shipment, decimal total)
    {
        if (!shipment.NegotiatedAsked || shipment.ShipperNumber is null)
        {
            return null;
        }

        lock (_lock)
        {
            return _negotiatedDiscounts.TryGetValue(shipment.ShipperNumber, out var discount)
                ? Math.Round(total * (100m - discount) / 100m, 2, MidpointRounding.AwayFromZero)
                : null;
        }
    }

    /// <summary><c>POST /rating/{version}/{requestoption}</c>.</summary>
    private Reply Rate(string option, JsonObject? json, IssuedToken token)
    {
        var shop = option.Equals("Shop", StringComparison.OrdinalIgnoreCase) || option.Equals("Shoptimeintransit", StringComparison.OrdinalIgnoreCase);
        var timeInTransit = option.EndsWith("timeintransit", StringComparison.OrdinalIgnoreCase);
        if (!shop && !option.Equals("Rate", StringComparison.OrdinalIgnoreCase) && !option.Equals("Ratetimeintransit", StringComparison.OrdinalIgnoreCase))
        {
            return Error(404, "404", "The requested resource was not found.");
        }

        var request = json?["RateRequest"] as JsonObject;
        if (request?["Shipment"] is not JsonObject shipmentJson)
        {
            // UPS's answer to a request it finds no shipment in (UPS-API/api-documentation#33).
            return Error(400, "9110003", "Missing shipment information.");
        }

        var (shipment, error) = ParseShipment(shipmentJson, shipping: false);
        if (shipment is null)
        {
            return error!;
        }

        if (shipment.BillShipperAccount is not null && !token.Client.ShipperNumbers.Contains(shipment.BillShipperAccount))
        {
            return Error(400, SimulatorCodes.RatePaymentAccount, "Missing or Invalid account number for Payment Details");
        }

        var domestic = IsDomestic(shipment.Origin.Country, shipment.Destination.Country);
        var services = shop ? (domestic ? DomesticShop : InternationalShop) : [shipment.ServiceCode ?? string.Empty];
        if (services.Any(code => !Services.TryGetValue(code, out var known) || known.Domestic != domestic))
        {
            return Error(400, SimulatorCodes.ServiceUnavailable, "The requested service is unavailable between the selected locations.");
        }

        var rated = services.Select(code => (JsonNode)RatedShipment(Services[code], shipment, timeInTransit)).ToList();
        return new Reply(200, new JsonObject
        {
            ["RateResponse"] = new JsonObject
            {
                ["Response"] = ResponseHeader(request),
                ["RatedShipment"] = OneOrMany(rated),
            },
        });
    }

    private JsonObject RatedShipment(UpsService service, ParsedShipment shipment, bool timeInTransit)
    {
        var charges = shipment.Packages.Select(p => service.Base + (service.PerPound * p.Pounds)).ToList();
        var total = charges.Sum();
        var billing = shipment.Packages.Sum(p => p.Pounds);
        var currency = CurrencyOf(shipment.ShipperNumber);
        var rated = new JsonObject
        {
            ["Service"] = new JsonObject { ["Code"] = service.Code, ["Description"] = service.Description },
            ["RatedShipmentAlert"] = new JsonObject { ["Code"] = "110971", ["Description"] = "Your invoice may vary from the displayed reference rates" },
            ["BillingWeight"] = WeightJson(billing),
            ["TransportationCharges"] = Amount(total, currency),
            ["BaseServiceCharge"] = Amount(total, currency),
            ["ServiceOptionsCharges"] = Amount(0m, currency),
            ["TotalCharges"] = Amount(total, currency),
        };
        if (NegotiatedTotal(shipment, total) is { } negotiated)
        {
            rated["NegotiatedRateCharges"] = new JsonObject { ["TotalCharge"] = Amount(negotiated, currency) };
        }

        rated["RatedPackage"] = OneOrMany([.. shipment.Packages.Select((p, i) => (JsonNode)new JsonObject
        {
            ["TransportationCharges"] = Amount(charges[i], currency),
            ["BaseServiceCharge"] = Amount(charges[i], currency),
            ["ServiceOptionsCharges"] = Amount(0m, currency),
            ["TotalCharges"] = Amount(charges[i], currency),
            ["Weight"] = p.Pounds.ToString("0.0", CultureInfo.InvariantCulture),
            ["BillingWeight"] = WeightJson(p.Pounds),
        })]);
        if (timeInTransit)
        {
            var today = _time.GetUtcNow().UtcDateTime;
            var arrival = today.AddDays(service.TransitDays);
            rated["TimeInTransit"] = new JsonObject
            {
                ["PickupDate"] = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                ["ServiceSummary"] = new JsonObject
                {
                    ["Service"] = new JsonObject { ["Description"] = service.Description },
                    ["EstimatedArrival"] = new JsonObject
                    {
                        ["Arrival"] = new JsonObject { ["Date"] = arrival.ToString("yyyyMMdd", CultureInfo.InvariantCulture), ["Time"] = "230000" },
                        ["BusinessDaysInTransit"] = service.TransitDays.ToString(CultureInfo.InvariantCulture),
                        ["Pickup"] = new JsonObject { ["Date"] = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture), ["Time"] = "170000" },
                        ["DayOfWeek"] = arrival.DayOfWeek.ToString().ToUpperInvariant()[..3],
                    },
                },
            };
        }

        return rated;
    }

    /// <summary><c>POST /shipments/{version}/ship</c>.</summary>
    private Reply Ship(JsonObject? json, IssuedToken token)
    {
        var request = json?["ShipmentRequest"] as JsonObject;
        if (request?["Shipment"] is not JsonObject shipmentJson)
        {
            return Error(400, "120100", "Missing or invalid shipper number");
        }

        var shipperNumber = Str(shipmentJson["Shipper"]?["ShipperNumber"])?.ToUpperInvariant();
        if (shipperNumber is not { Length: 6 } || !token.Client.ShipperNumbers.Contains(shipperNumber))
        {
            // UPS's code and message for a shipper number that is missing or not the caller's (gabrielbull/php-ups-api#111).
            return Error(400, "120100", "Missing or invalid shipper number");
        }

        var (shipment, error) = ParseShipment(shipmentJson, shipping: true);
        if (shipment is null)
        {
            return error!;
        }

        if (!shipment.HasPayment || (shipment.BillShipperAccount is not null && !token.Client.ShipperNumbers.Contains(shipment.BillShipperAccount)))
        {
            return Error(400, SimulatorCodes.ShipPayment, "Missing or invalid PaymentInformation");
        }

        var domestic = IsDomestic(shipment.Origin.Country, shipment.Destination.Country);
        if (shipment.ServiceCode is null || !Services.TryGetValue(shipment.ServiceCode, out var service) || service.Domestic != domestic)
        {
            return Error(400, SimulatorCodes.ServiceUnavailable, "The requested service is unavailable between the selected locations.");
        }

        var imageCode = Str(request["LabelSpecification"]?["LabelImageFormat"]?["Code"])?.ToUpperInvariant() == "PNG" ? "PNG" : "GIF";
        var charges = shipment.Packages.Select(p => service.Base + (service.PerPound * p.Pounds)).ToList();
        var total = charges.Sum();
        var negotiated = NegotiatedTotal(shipment, total);
        var currency = CurrencyOf(shipperNumber);
        var now = _time.GetUtcNow();
        var packageResults = new List<JsonNode>();
        string id;
        lock (_lock)
        {
            var numbers = shipment.Packages.Select(_ => TrackingNumber(shipperNumber, service.Code, _nextPackageSequence++)).ToList();
            id = numbers[0];
            var state = new ShipmentState(id, shipperNumber, service.Code, total, negotiated, currency, shipment.Reference ?? shipment.Packages[0].Reference, now);
            state.TrackingNumbers.AddRange(numbers);
            _shipments.Add(state);
            _shipmentCreates++;
            var scheduled = DateOnly.FromDateTime(now.UtcDateTime).AddDays(service.TransitDays);
            for (var i = 0; i < numbers.Count; i++)
            {
                var package = new PackageState(numbers[i], state, service, shipment.Origin, shipment.Destination, WeightJson(shipment.Packages[i].Pounds), scheduled, shipment.Packages[i].Reference ?? state.ToPublic().ReferenceNumber);
                package.Activities.Add(new Activity(0, now, shipment.Origin));
                _packages[numbers[i]] = package;
                packageResults.Add(new JsonObject
                {
                    ["TrackingNumber"] = numbers[i],
                    ["BaseServiceCharge"] = Amount(charges[i], currency),
                    ["ServiceOptionsCharges"] = Amount(0m, currency),
                    ["ShippingLabel"] = new JsonObject
                    {
                        ["ImageFormat"] = new JsonObject { ["Code"] = imageCode, ["Description"] = imageCode },
                        ["GraphicImage"] = imageCode == "PNG" ? PngLabel : GifLabel,
                    },
                });
            }
        }

        ApplyLabelOmission(packageResults);
        var results = new JsonObject
        {
            ["ShipmentCharges"] = new JsonObject
            {
                ["TransportationCharges"] = Amount(total, currency),
                ["ServiceOptionsCharges"] = Amount(0m, currency),
                ["TotalCharges"] = Amount(total, currency),
            },
        };
        if (negotiated is { } value)
        {
            results["NegotiatedRateCharges"] = new JsonObject { ["TotalCharge"] = Amount(value, currency) };
        }

        results["BillingWeight"] = WeightJson(shipment.Packages.Sum(p => p.Pounds));
        results["ShipmentIdentificationNumber"] = id;
        results["PackageResults"] = OneOrMany(packageResults);
        return new Reply(200, new JsonObject
        {
            ["ShipmentResponse"] = new JsonObject
            {
                ["Response"] = ResponseHeader(request),
                ["ShipmentResults"] = results,
            },
        });
    }

    /// <summary><c>DELETE /shipments/{version}/void/cancel/{shipmentidentificationnumber}</c>.</summary>
    private Reply Void(string id)
    {
        lock (_lock)
        {
            var shipment = _shipments.Find(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));
            if (shipment is null)
            {
                return Error(400, SimulatorCodes.VoidUnknown, "No shipment found for the shipment identification number");
            }

            if (shipment.TrackingNumbers.Any(n => Timeline[_packages[n].Step].Type == "D"))
            {
                return Error(400, SimulatorCodes.VoidDelivered, "The shipment cannot be voided: a package has been delivered");
            }

            shipment.Voided = true;
        }

        return new Reply(200, new JsonObject
        {
            ["VoidShipmentResponse"] = new JsonObject
            {
                ["Response"] = new JsonObject { ["ResponseStatus"] = new JsonObject { ["Code"] = "1", ["Description"] = "Success" } },
                ["SummaryResult"] = new JsonObject { ["Status"] = new JsonObject { ["Code"] = "1", ["Description"] = "Voided" } },
            },
        });
    }

    private sealed record ParsedShipment(
        string? ShipperNumber,
        Place Origin,
        Place Destination,
        string? ServiceCode,
        IReadOnlyList<(decimal Pounds, string? Reference)> Packages,
        bool NegotiatedAsked,
        bool HasPayment,
        string? BillShipperAccount,
        string? Reference);
}
