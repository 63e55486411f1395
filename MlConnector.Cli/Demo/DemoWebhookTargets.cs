namespace MlConnector.Cli.Demo;

/// <summary>The demo host's webhook URLs (their path secrets included) and the QBO verifier token, for the bench's own deliveries. Never printed.</summary>
/// <param name="ShipStation">The ShipStation webhook URL of the <c>shipstation-qbo</c> connection.</param>
/// <param name="UpsTrackAlert">The UPS Track Alert callback of the <c>qbo-ups</c> connection.</param>
/// <param name="Qbo">The QBO webhook URL.</param>
/// <param name="QboVerifierToken">The Intuit app's verifier token that signs QBO deliveries.</param>
internal sealed record DemoWebhookTargets(Uri ShipStation, Uri UpsTrackAlert, Uri Qbo, string QboVerifierToken);
