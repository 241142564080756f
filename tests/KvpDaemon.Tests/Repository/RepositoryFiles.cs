// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Repository;

/// <summary>
/// The repository's own files, read from the source tree the tests were built from (found upwards from the test
/// assembly by KvpDaemon.sln). Build output (bin, obj) and hidden directories other than .ci are left out.
/// </summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every file under <paramref name="relativeDirectory"/>, as repository-relative paths with '/'.</summary>
    public static IEnumerable<string> Under(string relativeDirectory)
    {
        var start = Path.Combine(Root, relativeDirectory);
        if (!Directory.Exists(start))
        {
            yield break;
        }

        var pending = new Stack<string>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                yield return Relative(file);
            }

            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                var name = Path.GetFileName(child);
                if (name is "bin" or "obj" || (name.StartsWith('.') && name != ".ci"))
                {
                    continue;
                }

                pending.Push(child);
            }
        }
    }

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public static bool Exists(string relativePath) => File.Exists(Path.Combine(Root, relativePath));

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KvpDaemon.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No KvpDaemon.sln above {AppContext.BaseDirectory}.");
    }
}
