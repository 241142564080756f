// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Reads, before planning, the configuration files that can override or merge with what a backend writes: the
/// distribution's and cloud-init's ifupdown stanzas, systemd-networkd's <c>.network</c> files in every search
/// directory, netplan's YAML files, and the hooks that decide whether ifupdown applies <c>dns-nameservers</c>. Local
/// files are untrusted input: at most <see cref="MaxFiles"/> files per directory and <see cref="MaxBytes"/> bytes per
/// file are read (docs/contributing.md: every read has a bound); the backends only search them for names.
/// </summary>
internal static class SystemFileSnapshot
{
    /// <summary>The most bytes read of one file; the rest is ignored.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The most files read from one directory (in ordinal name order).</summary>
    public const int MaxFiles = 128;

    /// <summary>Single files, read when present.</summary>
    public static readonly IReadOnlyList<string> Files =
    [
        "/etc/network/interfaces",
        "/etc/network/if-up.d/000resolvconf",
        "/etc/network/if-up.d/resolved",
    ];

    /// <summary>Directories whose files (with the given name ending, or any) are read.</summary>
    public static readonly IReadOnlyList<(string Directory, string Suffix)> Directories =
    [
        ("/etc/network/interfaces.d", string.Empty),
        ("/etc/systemd/network", ".network"),
        ("/run/systemd/network", ".network"),
        ("/usr/local/lib/systemd/network", ".network"),
        ("/usr/lib/systemd/network", ".network"),
        ("/lib/systemd/network", ".network"),
        ("/etc/netplan", ".yaml"),
        ("/run/netplan", ".yaml"),
        ("/lib/netplan", ".yaml"),
        ("/usr/lib/netplan", ".yaml"),
    ];

    /// <summary>The files present under <paramref name="root"/>, keyed by their system path.</summary>
    public static Dictionary<string, string> Read(string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Files)
        {
            TryAdd(files, root, path);
        }

        foreach (var (directory, suffix) in Directories)
        {
            var real = IpConfigPlanExecutor.UnderRoot(root, directory);
            string[] names;
            try
            {
                if (!Directory.Exists(real))
                {
                    continue;
                }

                names = Directory.EnumerateFiles(real).Select(Path.GetFileName).OfType<string>()
                    .Where(n => n.EndsWith(suffix, StringComparison.Ordinal) && !n.StartsWith('.'))
                    .Order(StringComparer.Ordinal).Take(MaxFiles).ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var name in names)
            {
                TryAdd(files, root, directory + "/" + name);
            }
        }

        return files;
    }

    private static void TryAdd(Dictionary<string, string> files, string root, string path)
    {
        try
        {
            var real = IpConfigPlanExecutor.UnderRoot(root, path);
            if (!File.Exists(real))
            {
                return;
            }

            using var stream = new FileStream(real, FileMode.Open, FileAccess.Read);
            var buffer = new byte[MaxBytes];
            var length = stream.ReadAtLeast(buffer, MaxBytes, throwOnEndOfStream: false);
            files[path] = Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: treated as absent, as the tool reading it would.
        }
    }
}
