namespace Ingest.Core.Topics;

/// <summary>Pairs the places of a near rule's two groups: each place of A with the nearest place of B in the window.</summary>
internal static class NearPairs
{
    /// <summary>
    /// How many places of <paramref name="a"/> have a place of <paramref name="b"/> within <paramref name="window"/>
    /// words (both lists in text order; no form longer than <paramref name="longestForm"/> words); adds each with
    /// its nearest partner, the earliest of equals, to <paramref name="into"/>.
    /// </summary>
    public static int Find(List<Place> a, List<Place> b, int window, int longestForm, List<(Place A, Place B)>? into)
    {
        var count = 0;
        var after = 0;
        foreach (var x in a)
        {
            // The first B starting after x ends moves forward with x, give or take forms of different lengths.
            while (after < b.Count && b[after].Start <= x.End)
            {
                after++;
            }

            while (after > 0 && b[after - 1].Start > x.End)
            {
                after--;
            }

            if (Nearest(x, b, after, window, longestForm) is { } y)
            {
                count++;
                into?.Add((x, y));
            }
        }

        return count;
    }

    private static Place? Nearest(Place x, List<Place> b, int after, int window, int longestForm)
    {
        Place? best = null;
        var bestDistance = window;
        if (after < b.Count && b[after].Start - x.End <= window)
        {
            (best, bestDistance) = (b[after], b[after].Start - x.End);
        }

        // Those starting earlier, nearest first: one that starts further back than the longest form plus the
        // best distance so far cannot end nearer.
        for (var i = after - 1; i >= 0 && x.Start - b[i].Start - (longestForm - 1) <= bestDistance; i--)
        {
            var distance = Distance(x, b[i]);
            if (distance <= bestDistance)
            {
                (best, bestDistance) = (b[i], distance);
            }
        }

        return best;
    }

    private static int Distance(Place x, Place y) =>
        x.End < y.Start ? y.Start - x.End : y.End < x.Start ? x.Start - y.End : 0;
}
