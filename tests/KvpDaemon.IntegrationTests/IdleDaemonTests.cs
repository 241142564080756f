// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Runtime.InteropServices;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests;

/// <summary>
/// An idle daemon arms no timer. The one thread of the runtime that would wake it anyway, the finalizer thread (a
/// 10-second timed wait on Linux), is parked (RuntimeHousekeeping): this looks at the system call it sleeps in.
/// </summary>
public sealed class IdleDaemonTests
{
    [Fact]
    public async Task AfterRequests_TheFinalizerThreadSleepsWithoutATimeout()
    {
        await using var session = await Sessions.StartAsync("linux");
        for (var i = 0; i < 50; i++)
        {
            (await session.SendAsync(new KvpSetRequest(0, "k" + i.ToString(CultureInfo.InvariantCulture), "v"))).Should().Be(KvpStatusReply.Ok);
        }

        var finalizer = FinalizerThread(session.Daemon.Pid);
        string? syscall = null;
        var parked = SpinWait.SpinUntil(
            () => IsFutexWaitWithoutTimeout(syscall = ReadSyscall(session.Daemon.Pid, finalizer)),
            TimeSpan.FromSeconds(30));

        parked.Should().BeTrue("the finalizer thread should sleep in futex(2) with no timeout; last seen: {0}", syscall);
    }

    private static string FinalizerThread(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task")
            .Single(task => File.ReadAllText(Path.Combine(task, "comm")).Trim() == ".NET Finalizer")
            .Split('/')[^1];

    /// <summary>/proc/PID/task/TID/syscall: the system call number and its six arguments, or "running".</summary>
    private static string ReadSyscall(int pid, string tid) => File.ReadAllText($"/proc/{pid}/task/{tid}/syscall").Trim();

    private static bool IsFutexWaitWithoutTimeout(string syscall)
    {
        var futex = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "202",
            Architecture.Arm64 => "98",
            _ => throw new PlatformNotSupportedException($"No futex(2) number for {RuntimeInformation.ProcessArchitecture}."),
        };

        // futex(uaddr, op, val, timeout, ...): a null timeout waits until woken.
        var fields = syscall.Split(' ');
        return fields.Length >= 5 && fields[0] == futex && fields[4] == "0x0";
    }
}
