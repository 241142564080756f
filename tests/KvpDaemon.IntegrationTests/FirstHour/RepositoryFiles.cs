// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.FirstHour;

/// <summary>The checkout the tests were built from: README.md and the manual pages are read from it.</summary>
internal static class RepositoryFiles
{
    /// <summary>The first directory above the test binaries that holds KvpDaemon.sln.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "KvpDaemon.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new DirectoryNotFoundException($"No KvpDaemon.sln above {AppContext.BaseDirectory}.");
        }
    }
}
