using Ingest.Core.Model;
using Ingest.Core.Subscriptions;

namespace Ingest.Views.Confirm;

/// <summary>What a confirmation link did or would do, and for which subscription.</summary>
/// <param name="FormAction">Where the button posts (the link itself), when there is a button.</param>
public sealed record ConfirmView(LinkOutcome Outcome, Subscriber? Subscriber, IReadOnlyList<string> TopicTitles, string? FormAction = null, Uri? PreferencesUrl = null);
