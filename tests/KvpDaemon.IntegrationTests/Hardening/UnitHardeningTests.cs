// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;
using KvpDaemon.IntegrationTests.Packaging;

namespace KvpDaemon.IntegrationTests.Hardening;

/// <summary>
/// The unit's exposure as systemd rates it (<c>systemd-analyze security --offline</c>, which reads the unit file and
/// starts nothing): at most 3.0, with the limits issue #12 asks for.
/// </summary>
public sealed partial class UnitHardeningTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private static string Unit => Path.Combine(PackagingTools.RepositoryRoot, "packaging", "systemd", "hypervkvpd.service");

    [PackagingFact("systemd-analyze")]
    public void SystemdAnalyzeSecurity_ExposureIsAtMost3()
    {
        var result = PackagingTools.Run("systemd-analyze", ["security", "--offline=yes", "--no-pager", Unit], RunTimeout);

        var overall = Overall().Match(result.Output);
        overall.Success.Should().BeTrue("{0}", result);
        double.Parse(overall.Groups[1].Value, CultureInfo.InvariantCulture).Should().BeLessThanOrEqualTo(3.0, "{0}", result.Output);
    }

    [Fact]
    public void Unit_HasTheLimitsAndTheStrictFileSystem()
    {
        var directives = File.ReadAllLines(Unit).Where(line => line.Length > 0 && !line.StartsWith('#')).ToArray();

        directives.Should().Contain(new[] { "ProtectSystem=strict", "MemoryMax=256M", "TasksMax=64", "NoNewPrivileges=true" });
        directives.Should().Contain(line => line.StartsWith("ReadWritePaths=-/var/lib/hyperv", StringComparison.Ordinal));
        var capabilities = directives.Single(line => line.StartsWith("CapabilityBoundingSet=", StringComparison.Ordinal));
        capabilities.Should().NotContain("CAP_DAC_OVERRIDE").And.NotContain("CAP_FOWNER").And.NotContain("CAP_SYS_ADMIN");
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+\.\d)")]
    private static partial Regex Overall();
}
