using System.Security.Cryptography;
using System.Text;

namespace Ingest.Core.Extraction;

/// <summary>
/// One spelling per article address, so the same story reached through different links is stored once:
/// lower-case scheme and host, no default port, no fragment, no tracking parameters, query sorted.
/// The article key is the SHA-256 of that spelling.
/// </summary>
public static class UrlCanonicalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "ref_src", "ref_url", "cmpid", "ocid", "spm", "twclid", "ttclid", "li_fat_id", "s_cid",
    };

    public static string Canonicalize(Uri uri)
    {
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https") || uri.OriginalString.StartsWith('/'))
        {
            throw new ArgumentException($"'{uri.OriginalString}' is not an absolute http(s) URL.", nameof(uri));
        }

        var builder = new StringBuilder();
        builder.Append(uri.Scheme.ToLowerInvariant()).Append("://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        builder.Append(uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath);

        var parameters = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => (Pair: p, Name: Uri.UnescapeDataString(p.Split('=')[0])))
            .Where(p => !p.Name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !TrackingParameters.Contains(p.Name))
            .Select(p => p.Pair)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (parameters.Count > 0)
        {
            builder.Append('?').AppendJoin('&', parameters);
        }

        return builder.ToString();
    }

    public static string Canonicalize(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Canonicalize(uri) : throw new ArgumentException($"'{url}' is not an absolute http(s) URL.", nameof(url));

    /// <summary>The article's identity in storage: lower-case hex SHA-256 of the canonical URL.</summary>
    public static string ArticleKey(string url) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonicalize(url))));
}
