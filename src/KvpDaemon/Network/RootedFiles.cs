// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

/// <summary>
/// Read-only access to system files below a root directory ("/" in production, a sample tree in tests). A file that
/// is absent answers null; one that cannot be read is logged at debug level and also answers null, so a single
/// unreadable source never fails a request.
/// </summary>
internal sealed partial class RootedFiles
{
    // Configuration and state files are small; a larger one is not what it claims to be.
    private const int MaxFileChars = 1024 * 1024;

    private readonly string _root;
    private readonly ILogger _logger;

    public RootedFiles(string root, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = root;
        _logger = logger;
    }

    /// <summary>The real path of a system path such as <c>/proc/net/route</c>.</summary>
    public string Resolve(string systemPath) => Path.Combine(_root, systemPath.TrimStart('/'));

    public string? TryRead(string systemPath)
    {
        var path = Resolve(systemPath);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);

            // procfs and sysfs report a length of 0: read in blocks up to the cap instead of trusting Length.
            var text = new StringBuilder();
            var buffer = new char[4096];
            int read;
            while (text.Length < MaxFileChars && (read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                text.Append(buffer, 0, read);
            }

            return text.ToString();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.FileUnreadable(_logger, path, exception.Message);
            return null;
        }
    }

    public bool Exists(string systemPath) => File.Exists(Resolve(systemPath));

    /// <summary>The system paths of the entries of a directory matching a pattern, in ordinal order; empty if absent.</summary>
    public IReadOnlyList<string> List(string systemDirectory, string pattern)
    {
        var directory = Resolve(systemDirectory);
        try
        {
            return Directory.EnumerateFileSystemEntries(directory, pattern)
                .Select(entry => systemDirectory.TrimEnd('/') + "/" + Path.GetFileName(entry))
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception exception) when (exception is DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.FileUnreadable(_logger, directory, exception.Message);
            return [];
        }
    }
}
