// The app settings: every setting the code reads (tests/Ingest.Deployment.Tests holds this file to the code's
// settings classes), storage by identity, the two secrets as Key Vault references, and telemetry to Application
// Insights with the app's identity (Authorization=AAD).
param appName string
param isFlex bool
param storageName string
param vaultName string
param insightsConnectionString string
param publicBaseUrl string
param smtpHost string
param smtpPort int
param smtpEnableSsl bool
param smtpUsername string
param smtpFrom string
param pollSchedule string
param digestSchedule string
param feedsPath string
param topicsPath string
param fetchUserAgent string

var appSettings = {
  AzureWebJobsStorage__accountName: storageName
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: insightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  PublicBaseUrl: publicBaseUrl
  SubscriptionSigningKey: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=SubscriptionSigningKey)'
  Smtp__Host: smtpHost
  Smtp__Port: string(smtpPort)
  Smtp__EnableSsl: string(smtpEnableSsl)
  Smtp__Username: smtpUsername
  Smtp__Password: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=SmtpPassword)'
  Smtp__From: smtpFrom
  PollSchedule: pollSchedule
  DigestSchedule: digestSchedule
  FeedsPath: feedsPath
  TopicsPath: topicsPath
  Fetch__MaxBytes: '15728640'
  Fetch__TimeoutSeconds: '30'
  Fetch__ConnectTimeoutSeconds: '10'
  Fetch__UserAgent: fetchUserAgent
  Fetch__MaxConcurrencyPerHost: '2'
  Fetch__AllowLoopback: 'false'
  Fetch__AllowPrivateNetworks: 'false'
}

// Flex Consumption takes the runtime from the app's functionAppConfig and refuses these settings.
var premiumSettings = {
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  FUNCTIONS_EXTENSION_VERSION: '~4'
  WEBSITE_RUN_FROM_PACKAGE: '1'
}

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

resource config 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, isFlex ? {} : premiumSettings)
}
