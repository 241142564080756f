// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using KvpDaemon.Platform;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Reads, before planning, the configuration files that can override or merge with what a backend writes: the
/// distribution's and cloud-init's ifupdown stanzas, systemd-networkd's <c>.network</c> files in every search
/// directory, netplan's YAML files, and the hooks that decide whether ifupdown applies <c>dns-nameservers</c>. Local
/// files are untrusted input: at most <see cref="MaxFiles"/> files per directory and <see cref="MaxBytes"/> bytes per
/// file are read (docs/contributing.md: every read has a bound). A backend may rewrite what it read (ifupdown comments
/// out other stanzas) and decides from it whether another file overrides its own, so a file that cannot be read whole
/// and exactly is refused rather than half-read: larger than the bound, more files than the bound, not UTF-8, or not a
/// regular file (a FIFO would block the request loop). The request is then answered HV_E_FAIL with the reason.
/// </summary>
internal static class SystemFileSnapshot
{
    /// <summary>The most bytes of one file; a larger one is refused.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The most files of one directory; a directory with more is refused.</summary>
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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The files present under <paramref name="root"/>, keyed by their system path.</summary>
    /// <exception cref="InvalidDataException">A file or directory that cannot be read whole and exactly.</exception>
    public static Dictionary<string, string> Read(string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var dialect = KvpDialect.ForCurrentOperatingSystem();
        foreach (var path in Files)
        {
            TryAdd(files, dialect, root, path);
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
                    .Take(MaxFiles + 1).Order(StringComparer.Ordinal).ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (names.Length > MaxFiles)
            {
                throw new InvalidDataException($"{directory} holds more than {MaxFiles} files; refused to plan around files not all read");
            }

            foreach (var name in names)
            {
                TryAdd(files, dialect, root, directory + "/" + name);
            }
        }

        return files;
    }

    private static void TryAdd(Dictionary<string, string> files, KvpDialect dialect, string root, string path)
    {
        try
        {
            var real = IpConfigPlanExecutor.UnderRoot(root, path);
            var target = File.ResolveLinkTarget(real, returnFinalTarget: true)?.FullName ?? real;
            if (dialect.FactsOfPath(target) is not { } facts)
            {
                return;
            }

            if (facts.Type != FileFacts.RegularFile)
            {
                throw new InvalidDataException($"{path} is {facts.Describe()}, not a regular file; refused to read it");
            }

            using var stream = new FileStream(target, FileMode.Open, FileAccess.Read);
            var buffer = new byte[MaxBytes + 1];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (length > MaxBytes)
            {
                throw new InvalidDataException($"{path} is larger than {MaxBytes / 1024} KiB; refused to act on a file not read whole");
            }

            files[path] = StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"{path} is not UTF-8 text; refused to rewrite or judge it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: treated as absent, as the tool reading it would.
        }
    }
}
