using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MlConnector.Sandbox.Ups;

/// <summary>
/// Quantum View (<c>POST /quantumview/v3/events</c>, QuantumView.yaml): the unread events of the caller's shipper numbers.
/// A package's pickup scan is an <c>Origin</c> event and its delivery a <c>Delivery</c> event (the in-transit scans have no
/// Quantum View event type); each is returned once, then counts as read. At most <see cref="QuantumViewPageSize"/> events
/// per answer; when more are unread the answer carries a <c>Bookmark</c> (PROTOCOL-NOTES §1). v3 writes every repeatable
/// element as an array ("For versions &gt;= v3, this element will always be returned as an array").
/// </summary>
public sealed partial class UpsSimulator
{
    private readonly Dictionary<string, int> _quantumViewRead = new(StringComparer.Ordinal);
    private int _quantumViewRequests;

    /// <summary>The most events one Quantum View answer carries. Default 50 (the simulator's choice; UPS publishes none).</summary>
    public int QuantumViewPageSize { get; set; } = 50;

    /// <summary>How many Quantum View requests were answered.</summary>
    /// <returns>The count.</returns>
    public int GetQuantumViewRequestCount()
    {
        lock (_lock)
        {
            return _quantumViewRequests;
        }
    }

    private Reply QuantumViewEvents(JsonObject? json, IssuedToken token)
    {
        if (json?["QuantumViewRequest"]?["Request"]?["RequestAction"]?.GetValue<string>() != "QVEvents")
        {
            return Error(400, SimulatorCodes.QuantumViewAction, "Invalid RequestAction; the only valid value is QVEvents.");
        }

        var origins = new JsonArray();
        var deliveries = new JsonArray();
        bool more;
        lock (_lock)
        {
            _quantumViewRequests++;
            var budget = QuantumViewPageSize;
            more = false;
            foreach (var package in _packages.Values.Where(p => token.Client.ShipperNumbers.Contains(p.Shipment.ToPublic().ShipperNumber)))
            {
                var read = _quantumViewRead.GetValueOrDefault(package.TrackingNumber);
                for (var i = read; i < package.Activities.Count; i++)
                {
                    if (budget == 0)
                    {
                        more = true;
                        break;
                    }

                    var activity = package.Activities[i];
                    var type = Timeline[activity.Step].Type;
                    if (type is "P" or "D")
                    {
                        var local = activity.At.UtcDateTime;
                        var item = new JsonObject
                        {
                            ["ShipperNumber"] = package.Shipment.ToPublic().ShipperNumber,
                            ["TrackingNumber"] = package.TrackingNumber,
                            ["Date"] = local.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                            ["Time"] = local.ToString("HHmmss", CultureInfo.InvariantCulture),
                        };
                        (type == "P" ? origins : deliveries).Add(item);
                        budget--;
                    }

                    _quantumViewRead[package.TrackingNumber] = i + 1;
                }
            }
        }

        var file = new JsonObject { ["FileName"] = _time.GetUtcNow().ToString("yyMMdd_HHmmss", CultureInfo.InvariantCulture) + "001", ["StatusType"] = new JsonObject { ["Code"] = "U", ["Description"] = "Unread" } };
        if (origins.Count > 0)
        {
            file["Origin"] = origins;
        }

        if (deliveries.Count > 0)
        {
            file["Delivery"] = deliveries;
        }

        var response = new JsonObject
        {
            ["Response"] = new JsonObject { ["ResponseStatusCode"] = "1", ["ResponseStatusDescription"] = "Success" },
            ["QuantumViewEvents"] = new JsonObject
            {
                ["SubscriberID"] = token.Client.ClientId,
                ["SubscriptionEvents"] = new JsonArray(new JsonObject { ["Name"] = "OutboundXML", ["SubscriptionFile"] = new JsonArray(file) }),
            },
        };
        if (more)
        {
            response["Bookmark"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(token.Client.ClientId));
        }

        return new Reply(200, new JsonObject { ["QuantumViewResponse"] = response });
    }
}
