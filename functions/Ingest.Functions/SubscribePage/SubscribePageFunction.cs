using Microsoft.Azure.Functions.Worker;
using System.Net;
using System.Text;
using Ingest.Core.Subscriptions;
using Ingest.Functions.Pages;
using Ingest.Storage.Stores;

namespace Ingest.Functions.SubscribePage;

/// <summary>
/// <c>GET /api/subscribe</c>: the subscribe form. Its script posts JSON to <c>/api/subscriptions</c> and puts each
/// error beside its field; without script the form posts itself and the answer is a page.
/// </summary>
public sealed class SubscribePageFunction(Ingest.Core.Topics.TopicMatcher matcher)
{
    [Function("SubscribePage")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscribe")] HttpRequest request) => Page.Html("Subscribe to Ingest", Form(matcher), script: "subscribe.js");

    private static string Form(Ingest.Core.Topics.TopicMatcher matcher)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("""
            <p>News on Western Balkans security, matched to the topics you choose and mailed as it happens, daily or weekly.</p>
            <p id="result" class="notice" role="status" tabindex="-1" hidden></p>
            <form id="subscribe" method="post" action="/api/subscriptions" novalidate>
            <p id="form-error" class="error" role="alert" tabindex="-1"></p>
            <label for="email">Email address</label>
            <input id="email" name="email" type="email" autocomplete="email" required aria-describedby="email-error">
            <p id="email-error" class="error"></p>
            <fieldset id="topics" aria-describedby="topics-error"><legend>Topics</legend>
            """);
        foreach (var topic in matcher.Model.Topics)
        {
            html.Append($"""<label class="choice"><input type="checkbox" name="topics" value="{E(topic.Id)}"><span>{E(topic.Title)}<small>{E(topic.Description)}</small></span></label>""");
        }

        html.Append("""
            <p id="topics-error" class="error"></p></fieldset>
            <label for="frequency">How often</label>
            <select id="frequency" name="frequency" aria-describedby="frequency-error">
            <option value="daily" selected>Daily digest</option><option value="weekly">Weekly digest</option><option value="immediate">As it happens</option>
            </select>
            <p id="frequency-error" class="error"></p>
            <div class="row">
            <div data-for="daily weekly"><label for="hour">At (hour of the day)</label><select id="hour" name="hour" aria-describedby="hour-error">
            """);
        for (var hour = 0; hour < 24; hour++)
        {
            html.Append($"""<option value="{hour}"{(hour == 7 ? " selected" : "")}>{hour:00}:00</option>""");
        }

        html.Append("""
            </select><p id="hour-error" class="error"></p></div>
            <div data-for="daily weekly"><label for="timeZone">Time zone</label>
            <input id="timeZone" name="timeZone" type="text" value="UTC" list="zones" autocomplete="off" aria-describedby="timeZone-error timeZone-hint">
            <small id="timeZone-hint" class="hint">Taken from your browser; an IANA name such as Europe/Belgrade.</small>
            <p id="timeZone-error" class="error"></p></div>
            <div data-for="weekly"><label for="weekday">On</label><select id="weekday" name="weekday" aria-describedby="weekday-error">
            """);
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday })
        {
            html.Append($"""<option value="{day.ToString().ToLowerInvariant()}">{day}</option>""");
        }

        html.Append($"""
            </select><p id="weekday-error" class="error"></p></div>
            </div>
            <label for="minScore">Which articles</label>
            <select id="minScore" name="minScore" aria-describedby="minScore-error">
            <option value="">Every article that matches</option><option value="best">Only the best matches (score {SubscriptionForm.BestOnlyScore} or more)</option>
            </select>
            <p id="minScore-error" class="error"></p>
            <p><button type="submit">Subscribe</button></p>
            <p class="hint">We mail a link to confirm the address; nothing is sent until it is clicked. Every mail has a one-click unsubscribe link.</p>
            </form>
            <datalist id="zones">
            """);
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/')).Order(StringComparer.Ordinal))
        {
            html.Append($"""<option value="{E(zone)}">""");
        }

        return html.Append("</datalist>").ToString();
    }
}
