// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// A fact that runs arm64 programs under qemu-user: skipped, with the reason, unless qemu-aarch64-static, Debian's arm64
/// loader, libstdc++ and zlib (multiarch: libc6:arm64, libstdc++6:arm64, zlib1g:arm64), dpkg-deb and dotnet are
/// installed (.ci/run installs them) and the man pages the package build needs exist.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QemuArm64FactAttribute : FactAttribute
{
    private static readonly string[] Tools = ["qemu-aarch64-static", "dpkg-deb", "dotnet"];
    private static readonly string[] Libraries =
        ["/lib/ld-linux-aarch64.so.1", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libz.so.1"];

    public QemuArm64FactAttribute()
    {
        var missing = Tools.Where(tool => PackagingTools.Find(tool) is null).Concat(Libraries.Where(library => !File.Exists(library))).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"Not installed: {string.Join(", ", missing)} (see packaging/README.md, 'Tests').";
        }
        else if (!File.Exists(Path.Combine(PackagingTools.RepositoryRoot, "docs", "man", "hypervkvpd.8")))
        {
            Skip = "This tree has no docs/man/hypervkvpd.8 yet; the .deb cannot be built without it.";
        }
    }
}
