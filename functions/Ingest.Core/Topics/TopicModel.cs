namespace Ingest.Core.Topics;

/// <summary>
/// The topic model as curated in <c>seeds/topics.json</c> (schema in <c>seeds/topics.schema.json</c>).
/// <see cref="Outlets"/> are news outlets' names: where an article cites one as its source, its words are no
/// evidence for any topic.
/// </summary>
public sealed record TopicModel(int Version, double TitleBoost, IReadOnlyList<TopicDefinition> Topics, IReadOnlyList<string> Outlets);

/// <summary>
/// One topic. It hits when its score reaches <see cref="Threshold"/>; when it has <see cref="RequireNear"/>
/// rules, at least one of them must also hold, and any <see cref="Exclude"/> form vetoes it. Support terms and
/// rules add at most <see cref="SupportCap"/> together: a country or a politician named often, or a common word
/// like "weapons", supports a topic, but only what the article says about them can carry it.
/// </summary>
public sealed record TopicDefinition(
    string Id,
    string Title,
    string Description,
    double Threshold,
    IReadOnlyList<TopicTerm> Terms,
    IReadOnlyList<NearRule> RequireNear,
    IReadOnlyList<string> Exclude,
    IReadOnlyList<string> Sources,
    string? Label = null,
    double? SupportCap = null)
{
    /// <summary>A few words for mail subjects ("KFOR", "Arms deals"); the title when the model gives none.</summary>
    public string ShortName => Label ?? Title;
}

/// <summary>
/// A weighted term and its spellings: the first form names it in explanations; the others are its Serbian
/// Cyrillic, Albanian or other forms. A word ending in <c>*</c> matches any word starting with it, for inflected
/// languages: <c>vojn* neutraln*</c> matches "vojna neutralnost" and "vojne neutralnosti". A <see cref="Support"/>
/// term (a name of a country, city or person, or a word too common to carry the topic) counts within its
/// topic's support cap.
/// </summary>
public sealed record TopicTerm(IReadOnlyList<string> Forms, double Weight, bool Support = false);

/// <summary>
/// A form of group <see cref="A"/> within <see cref="Window"/> words of a form of group <see cref="B"/> adds
/// <see cref="Weight"/>. When a topic has <see cref="Required"/> rules, at least one must hold for it to hit:
/// that is how "an arms deal near a regional actor" keeps arms deals in India out. <see cref="Salient"/> asks
/// that a form of B also stand in the title or the lead, so that the place or actor named by B is what the
/// article is about. A <see cref="Support"/> rule (two names: "Russia near Serbia") counts within the support cap.
/// </summary>
public sealed record NearRule(
    string Name,
    int Window,
    double Weight,
    IReadOnlyList<string> A,
    IReadOnlyList<string> B,
    bool Required = true,
    bool Salient = false,
    bool Support = false);
