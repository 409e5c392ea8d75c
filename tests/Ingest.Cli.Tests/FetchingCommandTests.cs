using System.Text.Json;
using Ingest.Testing;
using Microsoft.AspNetCore.Http;

namespace Ingest.Cli.Tests;

public sealed class FetchingCommandTests : IAsyncLifetime
{
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Feeds_parse_fetches_a_url_and_resolves_links_against_it()
    {
        _server.Map("/rss/all.xml", context =>
        {
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            return context.Response.WriteAsync("""<rss version="2.0"><channel><title>Loopback</title><item><title>A</title><link>../clanak/1</link></item></channel></rss>""");
        });

        var (exitCode, output, error) = await CliRunner.RunAsync("feeds", "parse", _server.Url("/rss/all.xml").AbsoluteUri, "--settings", LoopbackAllowed());

        Assert.True(exitCode == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(_server.Url("/clanak/1").AbsoluteUri, json.RootElement.GetProperty("items")[0].GetProperty("link").GetString());
    }

    [Fact]
    public async Task A_url_that_cannot_be_fetched_fails_with_the_reason()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("feeds", "parse", _server.Url("/missing.xml").AbsoluteUri, "--settings", LoopbackAllowed());

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal($"ingest: {_server.Url("/missing.xml")}: HTTP 404 Not Found", error.Trim());
    }

    [Fact]
    public async Task Loopback_urls_are_refused_unless_the_settings_allow_them()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("feeds", "parse", _server.Url("/x.xml").AbsoluteUri, "--settings", CliRunner.SettingsFile(("Fetch__AllowLoopback", "false")));

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("refused to connect to 127.0.0.1", error);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Feeds_discover_lists_the_feeds_a_page_announces()
    {
        _server.MapText("/sr/", """<html><head><link rel="alternate" type="application/atom+xml" title="Vesti" href="atom.xml"></head></html>""", "text/html; charset=utf-8");

        var (exitCode, output, error) = await CliRunner.RunAsync("feeds", "discover", _server.Url("/sr/").AbsoluteUri, "--settings", LoopbackAllowed());

        Assert.True(exitCode == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var feed = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(_server.Url("/sr/atom.xml").AbsoluteUri, feed.GetProperty("url").GetString());
        Assert.Equal("application/atom+xml", feed.GetProperty("type").GetString());
        Assert.Equal("Vesti", feed.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Extract_prints_the_article_with_its_key()
    {
        var page = Path.Combine(FeedFixtures.PagesDirectory, "01-article-tag.html");

        var (exitCode, output, error) = await CliRunner.RunAsync("extract", page);

        Assert.True(exitCode == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("KFOR extends patrols in the north", json.RootElement.GetProperty("title").GetString());
        Assert.Equal(Core.Extraction.UrlCanonicalizer.ArticleKey("https://media.example.test/defence/kfor-extends-patrols"), json.RootElement.GetProperty("articleKey").GetString());
        Assert.StartsWith("The NATO-led mission", json.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_bad_fetch_setting_is_named()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("feeds", "parse", _server.Url("/x.xml").AbsoluteUri, "--settings", CliRunner.SettingsFile(("Fetch__TimeoutSeconds", "soon")));

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal("ingest: Fetch__TimeoutSeconds must be a whole number of at least 1, not 'soon'.", error.Trim());
    }

    private static string LoopbackAllowed() => CliRunner.SettingsFile(("Fetch__AllowLoopback", "true"));
}
