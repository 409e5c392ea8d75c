namespace Ingest.Storage.Accounts;

/// <summary>A parsed storage connection string: endpoints plus the account name and key that sign requests.</summary>
public sealed record StorageConnectionString(string AccountName, byte[] AccountKey, Uri TableEndpoint, Uri QueueEndpoint)
{
    /// <summary>The well-known development account every Azurite instance accepts.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// Parses <c>UseDevelopmentStorage=true</c>, account connection strings with
    /// <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c>, and explicit <c>TableEndpoint</c>/<c>QueueEndpoint</c>.
    /// Errors name the missing or bad part and never echo the key.
    /// </summary>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=');
            if (eq <= 0)
            {
                throw new FormatException($"Storage connection string has a part without a name=value form (part {parts.Count + 1}).");
            }

            parts[segment[..eq].Trim()] = segment[(eq + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var p) ? new Uri(p) : new Uri("http://127.0.0.1");
            return new StorageConnectionString(
                DevelopmentAccountName,
                Convert.FromBase64String(DevelopmentAccountKey),
                new Uri($"{proxy.Scheme}://{proxy.Host}:10002/{DevelopmentAccountName}"),
                new Uri($"{proxy.Scheme}://{proxy.Host}:10001/{DevelopmentAccountName}"));
        }

        var name = Required(parts, "AccountName");
        var keyText = Required(parts, "AccountKey");
        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException)
        {
            throw new FormatException("Storage connection string has an AccountKey that is not valid base64.");
        }

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return new StorageConnectionString(
            name,
            key,
            Endpoint(parts, "TableEndpoint") ?? new Uri($"{protocol}://{name}.table.{suffix}"),
            Endpoint(parts, "QueueEndpoint") ?? new Uri($"{protocol}://{name}.queue.{suffix}"));
    }

    private static string Required(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"Storage connection string has no {name}.");

    private static Uri? Endpoint(Dictionary<string, string> parts, string name)
    {
        if (!parts.TryGetValue(name, out var value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"Storage connection string has a {name} that is not an http(s) URL.");
    }

    public override string ToString() => $"StorageConnectionString {{ AccountName = {AccountName}, TableEndpoint = {TableEndpoint}, QueueEndpoint = {QueueEndpoint} }}";
}
