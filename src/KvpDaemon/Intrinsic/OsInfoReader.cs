// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Intrinsic;

/// <summary>
/// Computes the pool-2 OS items the way each platform's reference daemon does (docs/protocol.md 4.5 table). Run once at
/// start-up; the result does not change while the daemon runs (a kernel update needs a reboot anyway).
/// </summary>
internal sealed partial class OsInfoReader
{
    private readonly IUnameSource _uname;
    private readonly string _rootDirectory;
    private readonly ILogger _logger;

    /// <param name="uname">uname(3), or a fake.</param>
    /// <param name="rootDirectory">The directory that holds <c>etc/</c>: "/" in production, a sample tree in tests.</param>
    /// <param name="logger">Receives unreadable-file warnings and the summary.</param>
    public OsInfoReader(IUnameSource uname, string rootDirectory, ILogger<OsInfoReader> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        _uname = uname;
        _rootDirectory = rootDirectory;
        _logger = logger;
    }

    /// <summary>
    /// <see cref="ReadForCurrentOperatingSystem"/>, or, when uname(2) fails (its native helper missing, say), empty
    /// items and one error in the log: the other items and the pools keep working, where an exception would fail every
    /// request for an OS item with the same error.
    /// </summary>
    public OsInfo ReadOrEmpty()
    {
        try
        {
            return ReadForCurrentOperatingSystem();
        }
        catch (Exception exception) when (exception is IOException or DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            Log.OsInfoUnavailable(_logger, exception.Message);
            return new OsInfo(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        }
    }

    /// <summary>The items for the operating system this process runs on.</summary>
    /// <exception cref="PlatformNotSupportedException">Neither Linux nor FreeBSD.</exception>
    public OsInfo ReadForCurrentOperatingSystem()
    {
        if (OperatingSystem.IsLinux())
        {
            return ReadLinux();
        }

        if (OperatingSystem.IsFreeBSD())
        {
            return ReadFreeBsd();
        }

        throw new PlatformNotSupportedException("The pool-2 OS items are defined for Linux and FreeBSD only.");
    }

    /// <summary>
    /// Linux: OSBuildNumber is the whole release; OSVersion the release cut at the first '-' ("the current windows host
    /// (win7) expects the build string to be of the form x.y.z"); OSName and OSMajorVersion from /etc/os-release, else
    /// from the first lines of /etc/SuSE-release or /etc/redhat-release (then OSMinorVersion too), else the sysname.
    /// </summary>
    public OsInfo ReadLinux()
    {
        var uname = _uname.GetUname();
        var name = uname.SysName;
        var major = string.Empty;
        var minor = string.Empty;

        if (TryReadEtcFile("os-release", out var osReleaseContent))
        {
            // The reference daemon stops here whatever the file holds: os-release wins over the legacy files, and
            // OSMinorVersion stays empty.
            var osRelease = OsReleaseParser.Parse(osReleaseContent);
            name = osRelease.Name ?? name;
            major = osRelease.VersionId ?? major;
        }
        else if (TryReadEtcFile("SuSE-release", out var legacyContent) || TryReadEtcFile("redhat-release", out legacyContent))
        {
            var lines = OsReleaseParser.ParseLegacyRelease(legacyContent);
            name = lines.Count > 0 ? lines[0] : name;
            major = lines.Count > 1 ? lines[1] : major;
            minor = lines.Count > 2 ? lines[2] : minor;
        }

        return Report(new OsInfo(
            OSBuildNumber: uname.Release,
            OSName: name,
            OSMajorVersion: major,
            OSMinorVersion: minor,
            OSVersion: CutAtDash(uname.Release),
            ProcessorArchitecture: uname.Machine));
    }

    /// <summary>
    /// FreeBSD: OSBuildNumber and OSVersion are both the release cut at the first '-' ("14.1-RELEASE-p3" gives "14.1"),
    /// OSName is the sysname, and the major and minor versions stay empty.
    /// </summary>
    public OsInfo ReadFreeBsd()
    {
        var uname = _uname.GetUname();
        var version = CutAtDash(uname.Release);
        return Report(new OsInfo(
            OSBuildNumber: version,
            OSName: uname.SysName,
            OSMajorVersion: string.Empty,
            OSMinorVersion: string.Empty,
            OSVersion: version,
            ProcessorArchitecture: uname.Machine));
    }

    private static string CutAtDash(string release)
    {
        var dash = release.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? release : release[..dash];
    }

    private OsInfo Report(OsInfo info)
    {
        Log.OsInfoCollected(_logger, info.OSName, info.OSMajorVersion, info.OSBuildNumber, info.ProcessorArchitecture);
        return info;
    }

    /// <summary>
    /// Reads <c>etc/<paramref name="name"/></c> under the root. A missing file is the normal case on most distributions;
    /// one that exists but cannot be read is logged and treated as missing, as the reference daemon's failing fopen is.
    /// </summary>
    private bool TryReadEtcFile(string name, out byte[] content)
    {
        var path = Path.Combine(_rootDirectory, "etc", name);
        try
        {
            content = File.ReadAllBytes(path);
            return true;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.ReleaseFileUnreadable(_logger, path, exception.Message);
        }

        content = [];
        return false;
    }
}
