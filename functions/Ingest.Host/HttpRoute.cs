namespace Ingest.Host;

/// <summary>
/// An HTTP function's route template (<c>subscriptions/{action}</c>, <c>assets/{name}</c>, <c>{*rest}</c>,
/// <c>{id?}</c>) matched against a request path, with the values it captures: the Functions host hands those to
/// the worker as trigger metadata.
/// </summary>
public sealed class HttpRoute(string template)
{
    private readonly string[] _parts = template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The captured values when <paramref name="segments"/> match, else null.</summary>
    public IReadOnlyDictionary<string, string>? Match(IReadOnlyList<string> segments)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _parts.Length; i++)
        {
            var part = _parts[i];
            var parameter = part.StartsWith('{') && part.EndsWith('}') ? part[1..^1].Split(':')[0] : null;
            if (parameter is not null && parameter.StartsWith('*'))
            {
                values[parameter.TrimStart('*')] = string.Join('/', segments.Skip(i));
                return values;
            }

            if (i >= segments.Count)
            {
                return parameter is not null && parameter.EndsWith('?') ? values : null;
            }

            if (parameter is not null)
            {
                values[parameter.TrimEnd('?')] = Uri.UnescapeDataString(segments[i]);
            }
            else if (!part.Equals(segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return _parts.Length == segments.Count ? values : null;
    }
}
