// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Security.Cryptography;
using System.Text;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// A Debian 12 root file system that boots under systemd-nspawn, made with mmdebstrap once per machine and package
/// list (1-3 minutes) and cached under /var/cache/kvpdaemon-tests/, keyed by a hash of the list. Each test run boots
/// a copy, so the cached tree stays as mmdebstrap made it.
/// </summary>
internal static class NspawnRootfs
{
    /// <summary>The packages besides minbase: an init that boots, D-Bus for systemctl, udevadm (udevd does not run in
    /// a container, which postinst must survive), and the packages the .deb depends on (runtime libraries, procps for
    /// the unit's /bin/kill), so that apt installs the .deb without a mirror.</summary>
    private static readonly string[] Packages =
        ["systemd", "systemd-sysv", "dbus", "udev", "libstdc++6", "libgcc-s1", "zlib1g", "procps"];

    private const string Suite = "bookworm";
    private static readonly string CacheDirectory = "/var/cache/kvpdaemon-tests";
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The cached tree, made first if missing.</summary>
    public static string Cached()
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Suite + " minbase " + string.Join(',', Packages))))[..16]
            .ToLowerInvariant();
        var path = Path.Combine(CacheDirectory, $"debian12-{key}");
        if (File.Exists(Path.Combine(path, "usr", "lib", "systemd", "systemd")))
        {
            return path;
        }

        // Made under a temporary name and renamed, so a run killed half-way leaves no tree that looks complete.
        Directory.CreateDirectory(CacheDirectory);
        var partial = path + ".partial-" + Environment.ProcessId;
        var result = PackagingTools.Run(
            "mmdebstrap",
            ["--variant=minbase", "--mode=root", "--include=" + string.Join(',', Packages), Suite, partial],
            CreateTimeout);
        result.ExitCode.Should().Be(0, "mmdebstrap must make the Debian 12 root: {0}", result);
        Directory.Move(partial, path);
        return path;
    }

    /// <summary>A private copy of the cached tree at <paramref name="destination"/> (which must not exist).</summary>
    public static void CopyTo(string destination)
    {
        var result = PackagingTools.Run("cp", ["-a", "--reflink=auto", Cached(), destination], CopyTimeout);
        result.ExitCode.Should().Be(0, "copying the root file system: {0}", result);
    }
}
