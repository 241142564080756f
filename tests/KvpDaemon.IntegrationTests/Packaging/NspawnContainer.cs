// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// One boot of a root file system under <c>systemd-nspawn -b</c>, driven through <c>nsenter</c> into the container's
/// PID 1. The build machine runs no systemd of its own, so there is no machined to register with
/// (<c>--register=no</c>) and no unit to make a scope in (<c>--keep-unit</c>): the nspawn process is first moved into
/// a cgroup of its own in every hierarchy systemd looks at, which is what lets the container's systemd manage its
/// services' cgroups below it. Every wait is bounded; a container that does not stop in time is killed.
/// </summary>
internal sealed class NspawnContainer : IDisposable
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);
    private static readonly string[] CgroupBases = ["/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd", "/sys/fs/cgroup"];

    private readonly Process _nspawn;
    private readonly string _cgroup;

    private NspawnContainer(Process nspawn, string cgroup, int leader)
    {
        _nspawn = nspawn;
        _cgroup = cgroup;
        Leader = leader;
    }

    /// <summary>The container's PID 1 (its systemd), as the host sees it.</summary>
    public int Leader { get; }

    /// <summary>From starting systemd-nspawn until <c>systemctl is-system-running --wait</c> answered.</summary>
    public TimeSpan BootTime { get; private set; }

    /// <summary>The state <c>systemctl is-system-running --wait</c> reported at the end of the boot.</summary>
    public string SystemState { get; private set; } = string.Empty;

    /// <summary>Boots <paramref name="root"/>, with <paramref name="binds"/> (host:container) bind-mounted.</summary>
    public static NspawnContainer Boot(string root, string consoleLog, params string[] binds)
    {
        var cgroup = "kvpd-nspawn-" + Guid.NewGuid().ToString("N")[..12];
        // The shell joins its own new cgroup (the first base that is a cgroup2 or name=systemd hierarchy root, and the
        // unified one beside it on a hybrid host) and then becomes systemd-nspawn.
        var script = "set -e; for b in " + string.Join(' ', CgroupBases) + "; do " +
            "[ -f \"$b/cgroup.procs\" ] || continue; [ \"$b\" = /sys/fs/cgroup ] && [ -d /sys/fs/cgroup/unified ] && continue; " +
            $"mkdir -p \"$b/{cgroup}\"; echo $$ > \"$b/{cgroup}/cgroup.procs\"; done; " +
            "exec systemd-nspawn -q -b --keep-unit --register=no --console=read-only -D \"$0\" \"$@\" >\"$KVPD_CONSOLE\" 2>&1";
        var start = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "-c", script, root }.Concat(binds.Select(bind => "--bind=" + bind)))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KVPD_CONSOLE"] = consoleLog;
        var stopwatch = Stopwatch.StartNew();
        var nspawn = Process.Start(start) ?? throw new InvalidOperationException("Cannot start systemd-nspawn.");
        nspawn.StandardInput.Close();
        var leader = WaitForLeader(nspawn, consoleLog);
        var container = new NspawnContainer(nspawn, cgroup, leader);
        // systemctl needs the manager's private socket, which PID 1 creates a moment after it starts (bounded: 60 s).
        container.SystemState = container.Exec(
            "i=0; while [ ! -S /run/systemd/private ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done; " +
            "systemctl is-system-running --wait", BootTimeout).Output.Trim();
        container.BootTime = stopwatch.Elapsed;
        return container;
    }

    /// <summary>Runs <paramref name="command"/> with /bin/sh inside the container, with a clean environment.</summary>
    public ProcessResult Exec(string command, TimeSpan? timeout = null) =>
        PackagingTools.Run(
            "nsenter",
            ["-t", Leader.ToString(CultureInfo.InvariantCulture), "-a",
                "env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
                "DEBIAN_FRONTEND=noninteractive", "SYSTEMD_PAGER=", "/bin/sh", "-c", command],
            timeout ?? TimeSpan.FromMinutes(2));

    /// <summary>Powers the container off and waits for systemd-nspawn to end; true when it ended in time.</summary>
    public bool PowerOff()
    {
        if (_nspawn.HasExited)
        {
            return true;
        }

        // The answer is lost when PID 1 goes away; what counts is that nspawn ends.
        _ = PackagingTools.Run("nsenter", ["-t", Leader.ToString(CultureInfo.InvariantCulture), "-a", "systemctl", "poweroff"], StopTimeout);
        return _nspawn.WaitForExit(StopTimeout);
    }

    public void Dispose()
    {
        if (!PowerOff())
        {
            _nspawn.Kill(entireProcessTree: true);
            _nspawn.WaitForExit(StopTimeout);
        }

        _nspawn.Dispose();
        foreach (var cgroupBase in CgroupBases)
        {
            RemoveCgroup(Path.Combine(cgroupBase, _cgroup));
        }
    }

    /// <summary>
    /// Removes a cgroup and the ones the container's systemd made below it, deepest first: a cgroup directory can only
    /// be removed (rmdir) once it has no children, and its files cannot be deleted at all.
    /// </summary>
    private static void RemoveCgroup(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(path, "*", SearchOption.AllDirectories)
            .OrderByDescending(directory => directory.Length).Append(path))
        {
            try
            {
                Directory.Delete(directory);
            }
            catch (IOException)
            {
                // Still holds a process; an empty cgroup left behind is harmless.
            }
        }
    }

    /// <summary>The first child of systemd-nspawn is the container's systemd.</summary>
    private static int WaitForLeader(Process nspawn, string consoleLog)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < BootTimeout)
        {
            if (nspawn.HasExited)
            {
                throw new InvalidOperationException(
                    $"systemd-nspawn exited with {nspawn.ExitCode}: {(File.Exists(consoleLog) ? File.ReadAllText(consoleLog) : string.Empty)}");
            }

            var children = $"/proc/{nspawn.Id}/task/{nspawn.Id}/children";
            var first = File.Exists(children) ? File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            if (first.Length > 0 && File.Exists($"/proc/{first[0]}/comm") && File.ReadAllText($"/proc/{first[0]}/comm").Trim() == "systemd")
            {
                return int.Parse(first[0], CultureInfo.InvariantCulture);
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"systemd-nspawn started no systemd within {BootTimeout}.");
    }
}
