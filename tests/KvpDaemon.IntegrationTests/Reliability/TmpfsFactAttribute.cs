// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace KvpDaemon.IntegrationTests.Reliability;

/// <summary>
/// A fact that needs to mount a small tmpfs: skipped, with the reason, when the tests do not run as root or a probe
/// mount fails (a container without CAP_SYS_ADMIN).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    public TmpfsFactAttribute()
    {
        if (Unavailable.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (mount(8) syntax, e.g. "64k") on <paramref name="directory"/>.</summary>
    /// <returns>Null on success, else mount's message.</returns>
    public static string? Mount(string directory, string size)
    {
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", directory);
        return code == 0 ? null : $"mount failed ({code}): {output.Trim()}";
    }

    /// <summary>Unmounts <paramref name="directory"/>; lazily when it is still busy, so a test never leaves it behind.</summary>
    public static void Unmount(string directory)
    {
        if (Run("umount", directory).ExitCode != 0)
        {
            Run("umount", "-l", directory);
        }
    }

    private static string? Probe()
    {
        if (Environment.UserName != "root")
        {
            return "Needs root to mount a tmpfs.";
        }

        var directory = Directory.CreateTempSubdirectory("kvpd-tmpfs-probe-").FullName;
        try
        {
            if (Mount(directory, "16k") is { } failure)
            {
                return failure;
            }

            Unmount(directory);
            return null;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"mount(8) could not run: {exception.Message}";
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}
