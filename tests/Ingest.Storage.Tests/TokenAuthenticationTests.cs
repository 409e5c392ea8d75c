using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Ingest.Storage.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace Ingest.Storage.Tests;

/// <summary>
/// Identity-based storage settings, checked on the wire: a loopback HTTPS server records what arrives.
/// Only Microsoft Entra, which is off this machine, is stood in for by a credential that hands out a fixed token
/// (in place of the managed identity the settings ask for).
/// </summary>
public sealed class TokenAuthenticationTests
{
    [Fact]
    public async Task Token_credentials_send_a_bearer_token_for_the_storage_scope_and_no_shared_key()
    {
        using var certificate = SelfSignedCertificate();
        var requests = new ConcurrentQueue<(string Method, string Path, string? Authorization, string? Version)>();
        await using var server = await StartServerAsync(certificate, requests);
        var credential = new FixedTokenCredential("entra-token-123");
        var options = new StorageClientOptions
        {
            Transport = new HttpClientTransport(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint,
            }),
        };
        var endpoint = new Uri(server.Urls.Single());
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:tableServiceUri"] = new Uri(endpoint, "tables").AbsoluteUri,
            ["AzureWebJobsStorage:queueServiceUri"] = new Uri(endpoint, "queues").AbsoluteUri,
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        }).Build();
        var connection = StorageConnection.Read(settings);
        var account = connection.Connect(options, credential);

        await account.GetQueueClient("feed-polls").CreateIfNotExistsAsync();
        await account.GetTableClient("Feeds").CreateIfNotExistsAsync();

        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(connection.CreateCredential());
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes.Distinct());
        Assert.Collection(
            requests,
            queue => Assert.Equal(("PUT", "/queues/feed-polls", "Bearer entra-token-123"), (queue.Method, queue.Path, queue.Authorization)),
            table => Assert.Equal(("POST", "/tables/Tables", "Bearer entra-token-123"), (table.Method, table.Path, table.Authorization)));
        Assert.All(requests, r => Assert.NotNull(r.Version));
    }

    private static async Task<WebApplication> StartServerAsync(X509Certificate2 certificate, ConcurrentQueue<(string, string, string?, string?)> requests)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http1;
            l.UseHttps(certificate);
        }));
        var app = builder.Build();
        app.Run(context =>
        {
            requests.Enqueue((context.Request.Method, context.Request.Path.Value!, context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers["x-ms-version"].FirstOrDefault()));
            context.Response.StatusCode = 201;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        return app;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public ConcurrentBag<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                Scopes.Add(scope);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
