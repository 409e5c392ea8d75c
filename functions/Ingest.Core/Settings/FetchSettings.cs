using System.Globalization;
using Ingest.Core.Fetching;
using Ingest.Core.Pushes;
using Microsoft.Extensions.Configuration;

namespace Ingest.Core.Settings;

/// <summary>The <c>Fetch__*</c> app settings, read in one place for every host (Functions app and CLI).</summary>
public static class FetchSettings
{
    public const string Section = "Fetch";

    /// <summary>Every app setting this class reads, as Azure names them; the deployment tests check the templates set each.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [.. new[] { "MaxBytes", "TimeoutSeconds", "ConnectTimeoutSeconds", "UserAgent", "MaxConcurrencyPerHost", "AllowLoopback", "AllowPrivateNetworks" }.Select(k => $"{Section}__{k}")];

    public static FetchOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new FetchOptions();
        return new FetchOptions
        {
            MaxBytes = Number(section, "MaxBytes", defaults.MaxBytes, min: 1024),
            Timeout = TimeSpan.FromSeconds(Number(section, "TimeoutSeconds", (long)defaults.Timeout.TotalSeconds, min: 1)),
            ConnectTimeout = TimeSpan.FromSeconds(Number(section, "ConnectTimeoutSeconds", (long)defaults.ConnectTimeout.TotalSeconds, min: 1)),
            UserAgent = string.IsNullOrWhiteSpace(section["UserAgent"]) ? defaults.UserAgent : section["UserAgent"]!.Trim(),
            MaxConcurrencyPerHost = (int)Number(section, "MaxConcurrencyPerHost", defaults.MaxConcurrencyPerHost, min: 1),
            AllowLoopback = Flag(section, "AllowLoopback"),
            AllowPrivateNetworks = Flag(section, "AllowPrivateNetworks"),
        };
    }

    /// <summary>
    /// <c>Push__TimeoutSeconds</c> (optional): how long one post to a push endpoint may take. Where pushes may connect
    /// is the <c>Fetch__Allow*</c> policy above.
    /// </summary>
    public static PushOptions ReadPush(IConfiguration configuration)
    {
        var text = configuration["Push:TimeoutSeconds"];
        var defaults = new PushOptions();
        return string.IsNullOrWhiteSpace(text)
            ? defaults
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 120
                ? defaults with { Timeout = TimeSpan.FromSeconds(seconds) }
                : throw new InvalidOperationException($"Push__TimeoutSeconds must be a whole number from 1 to 120, not '{text}'.");
    }

    private static long Number(IConfigurationSection section, string key, long fallback, long min)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new InvalidOperationException($"{Section}__{key} must be a whole number of at least {min}, not '{text}'.");
    }

    private static bool Flag(IConfigurationSection section, string key)
    {
        var text = section[key];
        return string.IsNullOrWhiteSpace(text)
            ? false
            : bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"{Section}__{key} must be true or false, not '{text}'.");
    }
}
