using FsCheck;
using FsCheck.Fluent;
using Ingest.Testing;

namespace Ingest.Cli.Tests;

/// <summary>
/// <c>ingest feeds parse</c> on inputs no one wrote on purpose: every fixture cut short, with bytes flipped,
/// removed, repeated or inserted, and bytes at random. A feed or a one-line reason, exit 0 or 2, never a crash.
/// </summary>
public sealed class FeedParsePropertyTests
{
    private static readonly byte[][] Fixtures = FeedFixtures.Names.Select(FeedFixtures.Bytes).ToArray();

    /// <summary>Byte sequences XML and feeds are made of, so that insertions make near-misses rather than noise.</summary>
    private static readonly byte[][] Fragments =
    [
        "<"u8.ToArray(), ">"u8.ToArray(), "&"u8.ToArray(), "&amp;"u8.ToArray(), "&nbsp;"u8.ToArray(), "]]>"u8.ToArray(),
        "<![CDATA["u8.ToArray(), "<!DOCTYPE x ["u8.ToArray(), "<!ENTITY a \"b\">"u8.ToArray(), "</item>"u8.ToArray(),
        "<item>"u8.ToArray(), "<entry>"u8.ToArray(), "xmlns=\"\""u8.ToArray(), "\""u8.ToArray(), "{\"items\":["u8.ToArray(),
        "99999999999999999999"u8.ToArray(), "<pubDate>Sun, 22 Nov 2026 99999999999:00 +0100</pubDate>"u8.ToArray(),
        [0x00], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF], [0xC3], [0xE2, 0x82],
    ];

    [Fact]
    public void Mutated_fixtures_and_random_bytes_exit_0_or_2()
    {
        var mutated =
            from fixture in Gen.Choose(0, Fixtures.Length - 1)
            from mutation in Gen.Choose(0, 5)
            from a in Gen.Choose(0, int.MaxValue)
            from b in Gen.Choose(0, int.MaxValue)
            from fragment in Gen.Choose(0, Fragments.Length - 1)
            select Mutate(Fixtures[fixture], mutation, a, b, Fragments[fragment]);
        var random = Gen.ArrayOf(Gen.Choose(0, 255).Select(v => (byte)v));
        var inputs = Gen.Frequency((9, mutated), (1, random));

        Prop.ForAll(inputs.ToArbitrary(), ExitsWithZeroOrTwo)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(400).WithQuietOnSuccess(true));
    }

    private static bool ExitsWithZeroOrTwo(byte[] input)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ingest-mutated-").FullName, "feed.xml");
        try
        {
            File.WriteAllBytes(path, input);
            var (exitCode, output, error) = CliRunner.RunAsync("feeds", "parse", path).GetAwaiter().GetResult();
            return exitCode switch
            {
                ExitCodes.Success => output.StartsWith('{') && error.Length == 0,
                ExitCodes.BadInput => error.StartsWith("ingest: ", StringComparison.Ordinal) && error.TrimEnd().Split('\n').Length == 1,
                _ => false,
            };
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static byte[] Mutate(byte[] fixture, int mutation, int a, int b, byte[] fragment)
    {
        if (fixture.Length == 0)
        {
            return fragment;
        }

        var at = a % fixture.Length;
        var length = Math.Min(1 + (b % 64), fixture.Length - at);
        return mutation switch
        {
            0 => fixture[..at],
            1 => [.. fixture[..at], (byte)(fixture[at] ^ (1 << (b % 8))), .. fixture[(at + 1)..]],
            2 => [.. fixture[..at], .. fixture[(at + length)..]],
            3 => [.. fixture[..(at + length)], .. fixture[at..]],
            4 => [.. fixture[..at], .. fragment, .. fixture[at..]],
            _ => [.. fixture[..at], .. fragment, .. fixture[(at + length)..]],
        };
    }
}
