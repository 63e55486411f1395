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
  Storage__TablePrefix: 'ml'
  Secrets__KeyVaultUri: keyVaultUri
  Resilience__TotalTimeout: '00:01:30'
  Resilience__AttemptTimeout: '00:00:30'
  Resilience__MaxRetryAttempts: '2'
  Resilience__BaseDelay: '00:00:01'
  Resilience__MaxDelay: '00:00:30'
  Resilience__UseJitter: 'true'
  OAuth__AccessTokenSkew: '00:05:00'
  OAuth__HardExpiryWarningWindow: '30.00:00:00'
  OAuth__StateLifetime: '00:10:00'
  OAuth__RefreshLeaseDuration: '00:02:00'
  OAuth__RefreshLeasePollInterval: '00:00:01'
  OAuth__TokenRequestTimeout: '00:00:30'
  Schedules__HealthProbe: '0 */5 * * * *'
  Schedules__ShipStationQboReconcile: '0 */15 * * * *'
  Schedules__ShipStationQboMappingPoll: '0 7 * * * *'
  Schedules__QboChangeReconcile: '0 */15 * * * *'
  Schedules__QboUpsTrackAlertRenewal: '0 30 3 * * *'
  Schedules__QboUpsTrackingPoll: '0 0 */2 * * *'
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
  Connectors__Ups__ProductionBaseUrl: 'https://onlinetools.ups.com/api/'
  Connectors__Ups__CieBaseUrl: 'https://wwwcie.ups.com/api/'
  Connectors__Ups__DefaultEnvironment: 'production'
  Connectors__Ups__MaxConcurrency: '4'
  Connectors__Ups__LabelImageFormat: 'GIF'
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
    properties: appSettings
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
