// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// A fact that boots Debian 12 under systemd-nspawn: skipped, with the reason, unless it runs as root on Linux with
/// systemd-nspawn, nsenter, mmdebstrap, dpkg-deb and dotnet installed (.ci/run installs them) and the man pages exist.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NspawnFactAttribute : FactAttribute
{
    private static readonly string[] Tools = ["systemd-nspawn", "nsenter", "mmdebstrap", "dpkg-deb", "dotnet"];

    public NspawnFactAttribute()
    {
        var missing = Tools.Where(tool => PackagingTools.Find(tool) is null).ToArray();
        if (!OperatingSystem.IsLinux())
        {
            Skip = "systemd-nspawn exists only on Linux.";
        }
        else if (Environment.UserName != "root")
        {
            Skip = "Booting a container with systemd-nspawn needs root.";
        }
        else if (missing.Length > 0)
        {
            Skip = $"Not installed: {string.Join(", ", missing)} (see packaging/README.md, 'Tests').";
        }
        else if (!File.Exists(Path.Combine(PackagingTools.RepositoryRoot, "docs", "man", "hypervkvpd.8")))
        {
            Skip = "This tree has no docs/man/hypervkvpd.8 yet; the .deb cannot be built without it.";
        }
    }
}
