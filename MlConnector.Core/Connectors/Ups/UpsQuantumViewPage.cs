namespace MlConnector.Core.Connectors.Ups;

/// <summary>One page of Quantum View subscription events, as package statuses.</summary>
/// <param name="Statuses">
/// One status per <c>Origin</c> (picked up: type <c>P</c>, "Pickup Scan"), <c>Exception</c> (type <c>X</c>, UPS's
/// status or reason description) and <c>Delivery</c> (type <c>D</c>, "Delivered") event, in the order UPS sent them, with
/// the event's local date and time (QuantumView.yaml <c>SubscriptionFile_Origin</c>, <c>_Exception</c>, <c>_Delivery</c>).
/// </param>
/// <param name="Bookmark">UPS's bookmark when there is more to read (send it back for the next page); null when done.</param>
public sealed record UpsQuantumViewPage(IReadOnlyList<UpsTrackingStatus> Statuses, string? Bookmark);
