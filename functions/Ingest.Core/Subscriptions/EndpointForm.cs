using Ingest.Core.Fetching;
using Ingest.Core.Model;
using Ingest.Core.Pushes;

namespace Ingest.Core.Subscriptions;

/// <summary>
/// Reads the preferences page's "add an endpoint" fields, <c>endpointKind</c> (webhook, slack or teams) and
/// <c>endpointUrl</c>, into a new <see cref="PushEndpoint"/>; a generic webhook gets a new signing secret.
/// </summary>
public static class EndpointForm
{
    public const string KindField = "endpointKind";
    public const string UrlField = "endpointUrl";

    /// <summary>The field that names the endpoint a "remove" button removes.</summary>
    public const string IdField = "endpoint";

    /// <returns>The endpoint, or the field it failed on and why.</returns>
    public static (PushEndpoint? Endpoint, string? Field, string? Error) Read(IReadOnlyDictionary<string, string?> fields, Subscriber subscriber, FetchOptions fetch, DateTimeOffset now)
    {
        if ((subscriber.Endpoints?.Count ?? 0) >= PushEndpoint.MaxPerSubscriber)
        {
            return (null, UrlField, $"At most {PushEndpoint.MaxPerSubscriber} endpoints; remove one first.");
        }

        if (!Enum.TryParse<PushKind>(fields.GetValueOrDefault(KindField), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            return (null, KindField, "Choose a generic webhook, Slack or Teams.");
        }

        if (EndpointAddress.Problem(fields.GetValueOrDefault(UrlField), fetch, out var url) is { } problem)
        {
            return (null, UrlField, problem);
        }

        if (subscriber.Endpoints?.Any(e => e.Url == url) == true)
        {
            return (null, UrlField, "This address is already one of your endpoints.");
        }

        var id = "e-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        return (new PushEndpoint(id, kind, url!, now, kind == PushKind.Webhook ? WebhookSignature.NewSecret() : null), null, null);
    }
}
