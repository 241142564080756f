// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Writes a plan out instead of applying it (<see cref="IpConfigOptions.DryRun"/>): under
/// <c>&lt;StateDirectory&gt;/dry-run/&lt;UTC stamp&gt;-&lt;sequence&gt;/</c>, each planned file at its system path below
/// <c>files/</c>, and <c>commands.txt</c> with one shell-quoted argument vector per line. Nothing else is touched.
/// </summary>
internal sealed class DryRunWriter
{
    private readonly string _directory;
    private readonly TimeProvider _timeProvider;
    private int _sequence;

    /// <param name="root">The root (<see cref="IpConfigOptions.Root"/>); the state directory is placed under it.</param>
    /// <param name="stateDirectory">The daemon's state directory.</param>
    /// <param name="timeProvider">Stamps the output directory.</param>
    public DryRunWriter(string root, string stateDirectory, TimeProvider timeProvider)
    {
        _directory = Path.Combine(IpConfigPlanExecutor.UnderRoot(root, stateDirectory), "dry-run");
        _timeProvider = timeProvider;
    }

    /// <summary>Writes <paramref name="plan"/> for <paramref name="request"/>; returns the directory written.</summary>
    public string Write(IpConfigPlan plan, IpConfigRequest request)
    {
        var stamp = _timeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string target;
        do
        {
            target = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"{stamp}-{++_sequence:D4}"));
        }
        while (Directory.Exists(target));

        Directory.CreateDirectory(target);
        foreach (var file in plan.Files)
        {
            var path = Path.Join(target, "files", file.Path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
            File.SetUnixFileMode(path, file.Mode);
        }

        File.WriteAllText(Path.Combine(target, "commands.txt"), Commands(plan, request));
        return target;
    }

    /// <summary>The text of <c>commands.txt</c>.</summary>
    public static string Commands(IpConfigPlan plan, IpConfigRequest request)
    {
        var text = new StringBuilder();
        text.Append("# backend ").Append(plan.Backend).Append(", interface ").Append(request.InterfaceName).Append('\n');
        foreach (var warning in plan.Warnings)
        {
            text.Append("# warning: ").Append(warning).Append('\n');
        }

        // Pre-commands run before the files are written: they still see the old configuration.
        foreach (var command in plan.PreCommands)
        {
            Append(text, command);
        }

        foreach (var file in plan.Files)
        {
            text.Append("# write ").Append(file.Path).Append(" mode ")
                .Append(Convert.ToString((int)file.Mode, 8).PadLeft(4, '0')).Append('\n');
        }

        foreach (var path in plan.ModifiedByCommands)
        {
            text.Append("# modified by the commands: ").Append(path).Append('\n');
        }

        foreach (var path in plan.RemovedFiles)
        {
            text.Append("# remove ").Append(path).Append('\n');
        }

        foreach (var command in plan.Commands)
        {
            Append(text, command);
        }

        foreach (var command in plan.RollbackCommands)
        {
            text.Append("# on failure: ").Append(command).Append('\n');
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, PlannedCommand command)
    {
        text.Append(command);
        if (command.MayFail)
        {
            text.Append("    # may fail");
        }

        if (command.ExpectedOutput is not null)
        {
            text.Append("    # output must contain ").Append(command.ExpectedOutput);
        }

        text.Append('\n');
    }
}
