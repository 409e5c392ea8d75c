using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Ingest.Testing;
using Microsoft.Extensions.Configuration;

namespace Ingest.Host.Tests;

/// <summary><c>ingest host</c> as a whole, on the small test app: what it does when it cannot have its HTTP port.</summary>
public sealed partial class FunctionHostTests
{
    [Fact]
    public async Task A_port_in_use_stops_the_host_with_one_line_naming_it_and_leaves_no_worker_running()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["TickSchedule"] = "0 0 3 * * *" }).Build();
        var output = new StringWriter();
        var host = new FunctionHost(FunctionApp.Load(BuiltProject.TestWorkerDirectory, settings), settings, new HostLog(output, TimeProvider.System), TimeProvider.System, port);

        var failure = await Assert.ThrowsAsync<HostSetupException>(() => host.RunAsync(CancellationToken.None));

        Assert.StartsWith($"HTTP port {port} cannot be listened on", failure.Message);
        Assert.True(failure.BadInput);
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
        // Whether or not the worker had been started by then, none is left behind.
        foreach (Match started in WorkerStarted().Matches(output.ToString()))
        {
            Assert.Throws<ArgumentException>(() => Process.GetProcessById(int.Parse(started.Groups["pid"].Value, CultureInfo.InvariantCulture)));
        }
    }

    [GeneratedRegex(@"worker started \(pid (?<pid>\d+)\)")]
    private static partial Regex WorkerStarted();
}
