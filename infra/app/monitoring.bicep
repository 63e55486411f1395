// Log Analytics workspace and the workspace-based Application Insights component that the worker's
// OpenTelemetry exporter and the Functions host ("telemetryMode": "OpenTelemetry") write to.
@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// The Azure Monitor side of ml-connector's alerts: the app logs every alert it raises as the Warning event AlertRaised
// (EventId 1600, MlConnector.Core/Alerts/AlertsLog.cs) and every failed health probe as HealthProbeUnhealthy (EventId 9100);
// these rules fire on those events in the workspace's AppTraces (OpenTelemetry log records keep the event name in
// Properties.EventName). Attach an action group to route them (e-mail, Teams, PagerDuty).
resource alertRaisedRule 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${applicationInsightsName}-alert-raised'
  location: location
  tags: tags
  properties: {
    displayName: 'ml-connector raised an alert (consent lapsed, retries exhausted, webhook silence, reconciliation findings)'
    severity: 2
    enabled: true
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    scopes: [
      logAnalytics.id
    ]
    criteria: {
      allOf: [
        {
          query: 'AppTraces | where Properties.EventName == "AlertRaised" or Properties.EventName == "HealthProbeUnhealthy"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
  }
}

output applicationInsightsName string = applicationInsights.name
