// The Function App: Flex Consumption (Linux), .NET 10 isolated worker, user-assigned managed identity.
@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Storage account used by the host, Durable Functions and ml-connector.')
param storageAccountName string

@description('Blob endpoint of that account, e.g. https://<account>.blob.core.windows.net/.')
param storageBlobEndpoint string

@description('Table endpoint of that account, e.g. https://<account>.table.core.windows.net/.')
param storageTableEndpoint string

@description('Queue endpoint of that account, e.g. https://<account>.queue.core.windows.net/ (the webhook intake queue).')
param storageQueueEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Key Vault URI, e.g. https://<vault>.vault.azure.net/.')
param keyVaultUri string

@description('Version-less Key Vault secret URI of the Application Insights connection string.')
param applicationInsightsConnectionStringReference string

@description('Durable Functions task hub name.')
param durableTaskHubName string

@description('Client id of the Intuit (QuickBooks Online) app; empty leaves the qbo OAuth provider unconfigured. Its client secret is the Key Vault secret qbo-client-secret, never a setting.')
param qboClientId string = ''

@description('Client id of the UPS developer app; empty leaves the ups OAuth provider unconfigured. Its client secret is the Key Vault secret ups-client-secret.')
param upsClientId string = ''

@description('UPS OAuth token endpoint: production, or https://wwwcie.ups.com/security/v1/oauth/token for a CIE-only deployment.')
param upsTokenEndpoint string = 'https://onlinetools.ups.com/security/v1/oauth/token'

@description('Upper bound on scale-out (Flex Consumption: 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance in MB (Flex Consumption: 2048 or 4096).')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

// App settings. Hierarchical keys use '__' (Linux app settings cannot contain ':'); .NET configuration reads them as
// ':'. Secrets are Key Vault references, resolved by the platform with the app's identity; everything else is plain.
// Every configuration key the code reads must appear here: MlConnector.Tests/Functions/Configuration's
// consistency test parses this object and fails on a missing key. Flex Consumption sets the runtime in
// functionAppConfig, so FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not app settings here.
var appSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: '@Microsoft.KeyVault(SecretUri=${applicationInsightsConnectionStringReference})'
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  DurableTaskHubName: durableTaskHubName
  Storage__TableServiceUri: storageTableEndpoint
  Storage__BlobServiceUri: storageBlobEndpoint
  Storage__QueueServiceUri: storageQueueEndpoint
  Intake__QueueName: 'ml-intake'
  Intake__MaxAttempts: '5'
  Intake__MaxConcurrentDispatches: '16'
  Intake__MaxConcurrentDispatchesPerConnection: '8'
  Intake__MaxConcurrentRecords: '64'
  Intake__RecordWriters: '4'
  Intake__RecordTimeout: '00:00:02'
  Intake__RateLimit__Enabled: 'true'
  Intake__RateLimit__PermitsPerSecond: '300'
  Intake__RateLimit__Burst: '600'
  Intake__RateLimit__CallerPermitsPerSecond: '1000'
  Intake__RateLimit__CallerBurst: '2000'
  Intake__RateLimit__HandshakesPerMinute: '10'
  Intake__RateLimit__HandshakeBurst: '20'
  Storage__TablePrefix: 'ml'
  Secrets__KeyVaultUri: keyVaultUri
  OAuth__AccessTokenSkew: '00:05:00'
  OAuth__HardExpiryWarningWindow: '30.00:00:00'
  OAuth__StateLifetime: '00:10:00'
  OAuth__RefreshLeaseDuration: '00:02:00'
  OAuth__RefreshLeasePollInterval: '00:00:01'
  OAuth__TokenRequestTimeout: '00:00:30'
  OAuth__CallbackReplayBudget: '00:00:10'
  Schedules__HealthProbe: '0 */5 * * * *'
  Schedules__ShipStationQboReconcile: '0 */15 * * * *'
  Schedules__ShipStationQboMappingPoll: '0 7 * * * *'
  Schedules__QboChangeReconcile: '0 */15 * * * *'
  Schedules__QboUpsTrackAlertRenewal: '0 30 3 * * *'
  Schedules__QboUpsTrackingPoll: '0 0 */2 * * *'
  Schedules__FreshBooksUpsPoll: '0 */10 * * * *'
  Schedules__UpsQuantumViewPoll: '0 */5 * * * *'
  Schedules__QboSpsOrderPoll: '0 */10 * * * *'
  Schedules__QboSpsCrosswalkCheck: '0 15 6 * * *'
  Schedules__HeldWorkRelease: '*/10 * * * * *'
  Admission__MaxActivePerConnection: '100'
  Admission__CountInterval: '00:00:05'
  Schedules__WorkflowHistoryPurge: '0 */10 * * * *'
  Retention__WorkflowHistory: '7.00:00:00'
  Retention__MaxInstancesPerPass: '1000'
  Schedules__ReconsentReplay: '*/30 * * * * *'
  Schedules__AlertEvaluation: '0 */5 * * * *'
  Schedules__QbdShipStationPoll: '0 */15 * * * *'
  Schedules__QbdInventoryReconcile: '0 0 6 * * *'
  Alerts__WebhookSecretName: 'alert-webhook-url'
  Alerts__WebhookSilenceFactor: '4'
  Alerts__MinimumWebhooksForSilence: '5'
  Alerts__ReconcileFindingsThreshold: '5'
  QboEvents__VerifierTokenName: 'qbo-webhook-verifier-token'
  QboEvents__MaxConcurrentDispatches: '8'
  Connectors__ShipStation__BaseUrl: 'https://ssapi.shipstation.com/'
  Connectors__ShipStation__V2BaseUrl: 'https://api.shipstation.com/'
  Connectors__ShipStation__V2JwksUrl: 'https://api.shipengine.com/jwks'
  Connectors__ShipStation__PageSize: '500'
  Connectors__ShipStation__MaxPages: '200'
  Connectors__ShipStation__WebhookTimestampTolerance: '00:05:00'
  Connectors__QuickBooksOnline__ProductionBaseUrl: 'https://quickbooks.api.intuit.com/'
  Connectors__QuickBooksOnline__SandboxBaseUrl: 'https://sandbox-quickbooks.api.intuit.com/'
  Connectors__QuickBooksOnline__DefaultEnvironment: 'production'
  Connectors__QuickBooksOnline__MinorVersion: '75'
  Connectors__QuickBooksOnline__QueryPageSize: '1000'
  Connectors__QuickBooksOnline__BatchMaxItems: '30'
  Connectors__Ups__ProductionBaseUrl: 'https://onlinetools.ups.com/api/'
  Connectors__Ups__CieBaseUrl: 'https://wwwcie.ups.com/api/'
  Connectors__Ups__DefaultEnvironment: 'production'
  Connectors__Ups__MaxConcurrency: '4'
  Connectors__Ups__LabelImageFormat: 'GIF'
  Connectors__SpsCommerce__BaseUrl: 'https://api.spscommerce.com/'
  Connectors__SpsCommerce__PageSize: '1000'
  Connectors__SpsCommerce__MaxConcurrency: '4'
  Connectors__SpsCommerce__ThrottlePause: '00:00:02'
  Connectors__FreshBooks__BaseUrl: 'https://api.freshbooks.com/'
  Connectors__FreshBooks__PageSize: '100'
  Connectors__FreshBooks__MaxConcurrency: '4'
  Connectors__QuickBooksDesktop__SessionLifetime: '00:30:00'
  Connectors__QuickBooksDesktop__MinimumClientVersion: '2.1'
  Connectors__QuickBooksDesktop__OwnerId: guid(resourceGroup().id, name, 'qbwc-owner')
  Connectors__QuickBooksDesktop__SilenceFactor: '3'
  Operator__TokenSecretName: 'operator-api-token'
  PublicEndpoint__BaseUrl: 'https://${name}.azurewebsites.net/'
}

// OAuth apps (README "Configuration"): only set when their client id is given, because a provider without one fails
// validation at start-up. Client secrets stay in Key Vault under the names below (the app reads them through its
// secret store); no setting holds a secret value.
var qboOAuthSettings = empty(qboClientId) ? {} : {
  OAuth__Providers__qbo__AuthorizeEndpoint: 'https://appcenter.intuit.com/connect/oauth2'
  OAuth__Providers__qbo__TokenEndpoint: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer'
  OAuth__Providers__qbo__RedirectUri: 'https://${name}.azurewebsites.net/api/oauth/qbo/callback'
  OAuth__Providers__qbo__ClientId: qboClientId
  OAuth__Providers__qbo__ClientSecretName: 'qbo-client-secret'
  OAuth__Providers__qbo__Scopes__0: 'com.intuit.quickbooks.accounting'
  OAuth__Providers__qbo__RequestRefreshTokenHardExpiry: 'true'
}

var upsOAuthSettings = empty(upsClientId) ? {} : {
  OAuth__Providers__ups__TokenEndpoint: upsTokenEndpoint
  OAuth__Providers__ups__ClientId: upsClientId
  OAuth__Providers__ups__ClientSecretName: 'ups-client-secret'
  OAuth__Providers__ups__MerchantIdHeader: 'x-merchant-id'
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union(appSettings, qboOAuthSettings, upsOAuthSettings)
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
