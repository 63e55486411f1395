namespace MlConnector.Core.Shipping.Ups;

/// <summary>What <see cref="UpsShippingSteps.RecordStatusAsync"/> did with a package status.</summary>
/// <param name="Row">The package row as it now stands; null when the tracking number is not a shipment of the connection.</param>
/// <param name="StatusText">The status as one line (<see cref="UpsTrackingText.StatusText"/>).</param>
/// <param name="Stale">True when the row already shows a later status (or Delivered) and the status was not applied.</param>
public sealed record TrackingStatusRecorded(UpsShipmentRecord? Row, string StatusText, bool Stale);
