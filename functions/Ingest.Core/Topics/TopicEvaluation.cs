namespace Ingest.Core.Topics;

/// <summary>A labelled article for measuring the model: which topics a reader would want it filed under.</summary>
public sealed record LabelledArticle(string Id, string? Title, string? Text, IReadOnlySet<string> Labels);

public sealed record TopicScore(string TopicId, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>An article the model got wrong for one topic: missed (false negative) or wrongly matched (false positive).</summary>
public sealed record TopicMiss(string ArticleId, string TopicId, bool Missed, double Score);

public sealed record TopicEvaluationResult(IReadOnlyList<TopicScore> Scores, IReadOnlyList<TopicMiss> Misses);

public static class TopicEvaluation
{
    public static TopicEvaluationResult Evaluate(TopicMatcher matcher, IEnumerable<LabelledArticle> articles)
    {
        var topicIds = matcher.Model.Topics.Select(t => t.Id).ToList();
        var counts = topicIds.ToDictionary(id => id, _ => (Tp: 0, Fp: 0, Fn: 0));
        var misses = new List<TopicMiss>();

        foreach (var article in articles)
        {
            var unknown = article.Labels.FirstOrDefault(l => !counts.ContainsKey(l));
            if (unknown is not null)
            {
                throw new TopicModelException($"article '{article.Id}' is labelled '{unknown}', which the model does not have");
            }

            var scored = matcher.Score(article.Title, article.Text).ToDictionary(s => s.Hit.TopicId);
            foreach (var id in topicIds)
            {
                var hit = scored.TryGetValue(id, out var s) && s.IsHit;
                var wanted = article.Labels.Contains(id);
                var score = scored.TryGetValue(id, out var found) ? found.Hit.Score : 0;
                var c = counts[id];
                counts[id] = (hit, wanted) switch
                {
                    (true, true) => c with { Tp = c.Tp + 1 },
                    (true, false) => c with { Fp = c.Fp + 1 },
                    (false, true) => c with { Fn = c.Fn + 1 },
                    _ => c,
                };

                if (hit != wanted)
                {
                    misses.Add(new TopicMiss(article.Id, id, Missed: wanted, score));
                }
            }
        }

        return new TopicEvaluationResult(topicIds.Select(id => new TopicScore(id, counts[id].Tp, counts[id].Fp, counts[id].Fn)).ToList(), misses);
    }
}
