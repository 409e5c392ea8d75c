using Deque.AxeCore.Playwright;
using Ingest.Testing;
using Microsoft.Playwright;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// Debian's Chromium (installed by <c>scripts/install-tools.sh</c>), driven by Playwright, one per test class.
/// Pages run in the Europe/Belgrade time zone, as a reader in the region would open them.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    /// <summary>Where each test's screenshot is kept (a CI artifact): <c>TestResults/screenshots</c> at the repository root.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("INGEST_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium is not at {executable}: run scripts/install-tools.sh (apt-get install chromium) or set INGEST_CHROMIUM.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Without the networking flags Chromium keeps calling home, which this closed network refuses.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A fresh page; every script error and every console error (the Content-Security-Policy refusing something)
    /// is collected. Answers with an error status are left out: a form refused with 400 is the page working.
    /// </summary>
    public async Task<(IPage Page, List<string> ConsoleErrors)> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { TimezoneId = "Europe/Belgrade", Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of", StringComparison.Ordinal))
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Keeps a screenshot of the page as it is now and runs axe-core in it: any serious or critical violation fails
    /// the test, listed with the elements it found.
    /// </summary>
    public static async Task ScreenshotAndCheckAccessibilityAsync(IPage page, string name)
    {
        await ScreenshotAsync(page, name);
        var result = await page.RunAxe();
        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {name}");
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {name} ({page.Url}):\n" + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Html} ({string.Join(" ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))})")))));
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
