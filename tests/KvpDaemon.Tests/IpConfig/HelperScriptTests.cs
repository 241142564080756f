// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>The shipped helper scripts under packaging/scripts parse as POSIX sh (<c>sh -n</c>).</summary>
public sealed class HelperScriptTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var os in new[] { "linux", "freebsd" })
        {
            foreach (var name in new[] { "hv_set_ifconfig", "hv_get_dns_info", "hv_get_dhcp_info" })
            {
                data.Add($"{os}/{name}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_ShDashN_AcceptsIt(string script)
    {
        var path = Path.Combine(RepositoryRoot(), "packaging", "scripts", script);
        File.Exists(path).Should().BeTrue(path);

        var (exitCode, output) = Run("sh", "-n", path);

        exitCode.Should().Be(0, output);
    }

    [Fact]
    public void LinuxDnsScript_NoInterfaceTools_PrintsResolvConfNameServers()
    {
        // Whatever the machine's resolver, the output lines must be addresses only: no "nameserver" prefix.
        var path = Path.Combine(RepositoryRoot(), "packaging", "scripts", "linux", "hv_get_dns_info");

        var (exitCode, output) = Run("sh", path);

        exitCode.Should().Be(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().NotContain(line => line.Contains("nameserver", StringComparison.Ordinal));
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit(TimeSpan.FromSeconds(30)).Should().BeTrue();
        return (process.ExitCode, output);
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
