using System.Globalization;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Views.Subscribe;

/// <summary>The fields the subscribe and preferences pages share: their values, the topics to choose from, and each field's error.</summary>
public sealed record SubscriptionFormView(IReadOnlyList<TopicEntry> Topics, SubscriptionValues Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>What the form shows in its fields: a subscriber's settings, the defaults, or what was just sent back with errors.</summary>
/// <param name="Watches">The subscriber's own watches, one per line, as the text area shows them.</param>
public sealed record SubscriptionValues(string Email, IReadOnlyCollection<string> Topics, string Frequency, int Hour, string TimeZone, string Weekday, string MinScore, string Watches = "")
{
    public static SubscriptionValues Defaults { get; } = new("", [], "daily", 7, "UTC", "monday", "");

    public static SubscriptionValues Of(Subscriber subscriber) => new(
        subscriber.Email,
        subscriber.Topics,
        subscriber.Frequency.ToString().ToLowerInvariant(),
        subscriber.Hour,
        subscriber.TimeZone,
        subscriber.Weekday.ToString().ToLowerInvariant(),
        subscriber.MinScore switch
        {
            null => "",
            SubscriptionForm.BestOnlyScore => "best",
            { } score => score.ToString(CultureInfo.InvariantCulture),
        },
        string.Join('\n', subscriber.Watches ?? []));

    /// <summary>The fields as they were sent, so a refused form comes back as it was filled in (only known values are kept).</summary>
    public static SubscriptionValues Posted(IReadOnlyDictionary<string, string?> fields)
    {
        string Field(string name) => fields.GetValueOrDefault(name)?.Trim() ?? "";
        return new SubscriptionValues(
            Field("email"),
            Field("topics").Split([',', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
            Field("frequency").ToLowerInvariant(),
            int.TryParse(Field("hour"), NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour < 24 ? hour : Defaults.Hour,
            Field("timeZone") is { Length: > 0 and <= 64 } zone ? zone : Defaults.TimeZone,
            Field("weekday").ToLowerInvariant(),
            Field("minScore"),
            Field("watches"));
    }
}
