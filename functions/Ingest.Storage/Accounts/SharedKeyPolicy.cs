using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Ingest.Storage.Accounts;

/// <summary>
/// Signs requests with the account key. Tables use the SharedKeyLite scheme (what the Azure SDK uses for
/// tables); queues use the full SharedKey scheme. Must run after <c>StorageVersionPolicy</c> on every try,
/// because the signature covers <c>x-ms-date</c>.
/// </summary>
internal sealed class SharedKeyPolicy(string accountName, byte[] accountKey, SharedKeyScheme scheme) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var stringToSign = scheme == SharedKeyScheme.TableLite ? TableLiteString(request) : QueueString(request);
        using var hmac = new HMACSHA256(accountKey);
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
        var name = scheme == SharedKeyScheme.TableLite ? "SharedKeyLite" : "SharedKey";
        request.Headers.SetValue("Authorization", $"{name} {accountName}:{signature}");
    }

    private string TableLiteString(Request request)
    {
        var uri = request.Uri.ToUri();
        var resource = $"/{accountName}{uri.AbsolutePath}";
        var comp = ParseQuery(uri.Query).FirstOrDefault(p => p.Key == "comp");
        if (comp.Value is not null)
        {
            resource += "?comp=" + string.Join(",", comp.Value);
        }

        return Header(request, "x-ms-date") + "\n" + resource;
    }

    private string QueueString(Request request)
    {
        var uri = request.Uri.ToUri();
        long contentLength = 0;
        request.Content?.TryComputeLength(out contentLength);

        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(contentLength > 0 ? contentLength.ToString(System.Globalization.CultureInfo.InvariantCulture) : "").Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append('\n') // Date: empty because x-ms-date is sent.
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var (key, values) in ParseQuery(uri.Query).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(key).Append(':').Append(string.Join(",", values.Order(StringComparer.Ordinal)));
        }

        return builder.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : "";

    private static IEnumerable<KeyValuePair<string, List<string>>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]).ToLowerInvariant();
            var value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..]);
            if (!result.TryGetValue(key, out var list))
            {
                result[key] = list = [];
            }

            list.Add(value);
        }

        return result;
    }
}

internal enum SharedKeyScheme
{
    TableLite,
    Queue,
}
