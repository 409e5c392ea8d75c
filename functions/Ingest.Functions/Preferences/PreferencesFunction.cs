using Microsoft.Azure.Functions.Worker;
using System.Globalization;
using System.Net;
using System.Text;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Pages;
using Ingest.Storage.Stores;

namespace Ingest.Functions.Preferences;

/// <summary><c>/api/subscriptions/preferences?token=…</c>: the signed link's holder sees and changes topics, frequency and threshold.</summary>
public sealed class PreferencesFunction(SubscriptionService subscriptions, Ingest.Core.Topics.TopicMatcher matcher)
{
    [Function("Preferences")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscriptions/preferences")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(request.Method) ? await PostAsync(request.Query["token"], request, cancellationToken) : await GetAsync(request.Query["token"], cancellationToken);

    private async Task<IResult> GetAsync(string? token, CancellationToken cancellationToken) =>
        await subscriptions.FromPreferencesLinkAsync(token, cancellationToken) is { } subscriber
            ? Page.Html("What Ingest sends you", Form(subscriber, token!))
            : Invalid();

    private async Task<IResult> PostAsync(string? token, HttpRequest request, CancellationToken cancellationToken)
    {
        if (await subscriptions.FromPreferencesLinkAsync(token, cancellationToken) is not { } subscriber)
        {
            return Invalid();
        }

        if (!request.HasFormContentType || request.ContentLength > 16 * 1024)
        {
            return Page.Html("Preferences not saved", "<p>Send the form on this page.</p>", StatusCodes.Status400BadRequest);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var fields = form.ToDictionary(f => f.Key, f => (string?)string.Join(',', f.Value.ToArray()), StringComparer.Ordinal);
        var topics = matcher.Model.Topics.Select(t => t.Id).ToList();
        var errors = await subscriptions.UpdatePreferencesAsync(subscriber, fields, topics, cancellationToken);
        return errors is null
            ? Page.Html("Preferences saved", $"<p>Your next mail follows them.</p><p><a href=\"?token={WebUtility.HtmlEncode(Uri.EscapeDataString(token!))}\">Back to your preferences</a></p>")
            : Page.Html("Preferences not saved", Page.ErrorList(errors), StatusCodes.Status400BadRequest);
    }

    private static IResult Invalid() =>
        Page.Html("This link does not work", "<p>It is not a preferences link of an active subscription.</p>", StatusCodes.Status400BadRequest);

    private string Form(Subscriber subscriber, string token)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append($"<p>For {E(subscriber.Email)}.</p><form method=\"post\" action=\"?token={E(Uri.EscapeDataString(token))}\"><fieldset><legend>Topics</legend>");
        foreach (var topic in matcher.Model.Topics)
        {
            var chosen = subscriber.Topics.Contains(topic.Id) ? " checked" : "";
            html.Append($"<label><input type=\"checkbox\" name=\"topics\" value=\"{E(topic.Id)}\"{chosen}> {E(topic.Title)}</label><br>");
        }

        html.Append("</fieldset><p><label>How often <select name=\"frequency\">");
        foreach (var frequency in Enum.GetValues<Frequency>())
        {
            var name = frequency.ToString().ToLowerInvariant();
            html.Append($"<option value=\"{name}\"{(frequency == subscriber.Frequency ? " selected" : "")}>{name}</option>");
        }

        html.Append("</select></label></p>")
            .Append($"<p><label>Hour <input name=\"hour\" type=\"number\" min=\"0\" max=\"23\" value=\"{subscriber.Hour}\"></label> ")
            .Append($"<label>time zone <input name=\"timeZone\" value=\"{E(subscriber.TimeZone)}\"></label> ")
            .Append($"<label>weekday (weekly) <input name=\"weekday\" value=\"{E(subscriber.Weekday.ToString().ToLowerInvariant())}\"></label></p>")
            .Append($"<p><label>Lowest score (empty for all, \"best\" for the best only) <input name=\"minScore\" value=\"{E(subscriber.MinScore?.ToString(CultureInfo.InvariantCulture) ?? "")}\"></label></p>")
            .Append("<button type=\"submit\">Save</button></form>");
        return html.ToString();
    }
}
