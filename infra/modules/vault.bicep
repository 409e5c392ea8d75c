// The Key Vault holding the two secrets the app settings refer to; access by Azure RBAC (access.bicep), not policies.
param name string
param location string

@secure()
param subscriptionSigningKey string

@secure()
param smtpPassword string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource signingKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'SubscriptionSigningKey'
  properties: { value: subscriptionSigningKey }
}

resource smtp 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'SmtpPassword'
  properties: { value: smtpPassword }
}

output name string = vault.name
