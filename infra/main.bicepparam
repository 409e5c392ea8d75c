// The deployment's own values. The two secrets are read from the environment of whoever deploys (a shell, or the
// deploy workflow's secrets), so this file never holds one: set INGEST_SIGNING_KEY and INGEST_SMTP_PASSWORD first.
using 'main.bicep'

param appName = 'ingest-balkans'
param hostingPlan = 'FlexConsumption'
param smtpHost = 'smtp.example.org'
param smtpPort = 587
param smtpUsername = 'ingest@example.org'
param smtpFrom = 'Ingest <ingest@example.org>'
param alertEmail = ''
param subscriptionSigningKey = readEnvironmentVariable('INGEST_SIGNING_KEY')
param smtpPassword = readEnvironmentVariable('INGEST_SMTP_PASSWORD')
