// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace KvpDaemon.Tests.Infrastructure;

/// <summary>
/// What the BCL cannot do to a file and the hostile-file tests need: a hard link and a change of owner. They run
/// coreutils' ln(1) and chown(1) rather than importing link(2)/chown(2) into the test assembly.
/// </summary>
internal static class FileCommands
{
    /// <summary>Makes <paramref name="link"/> a second name of <paramref name="existing"/>.</summary>
    public static void HardLink(string existing, string link) => Run("ln", existing, link);

    /// <summary>Gives <paramref name="path"/> to the user and group <paramref name="id"/> (numeric).</summary>
    public static void Chown(string path, int id) => Run("chown", $"{id}:{id}", path);

    private static void Run(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
