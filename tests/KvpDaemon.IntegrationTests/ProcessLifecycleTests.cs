// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests;

/// <summary>The daemon as a process: command line, exit statuses, signals, systemd readiness.</summary>
public sealed class ProcessLifecycleTests
{
    // An idle daemon exits 50-120 ms after SIGTERM, and up to 1.3 s on two cores under 32 busy loops. The bound is
    // far from both that and systemd's 90 s stop timeout: what it catches is a stop that hangs (a finalizer thread
    // left parked, a retry loop deaf to cancellation), which the guard would otherwise turn into SIGKILL.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopGuard = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public async Task Sigterm_WhileIdleWaitingForTheHost_ExitsZeroPromptly(string abi)
    {
        await using var session = await Sessions.StartAsync(abi);
        await session.SendAsync(new KvpSetRequest(0, "k", "v"));

        var stopwatch = Stopwatch.StartNew();
        var exitCode = await session.Daemon.StopAsync(StopGuard);

        exitCode.Should().Be(0, "SIGTERM is a normal stop; {0}", session.DescribeDaemon());
        stopwatch.Elapsed.Should().BeLessThan(Prompt);
    }

    [Fact]
    public async Task Sigterm_WhileWaitingToRegister_ExitsZeroPromptlyWithoutAnErrorOrReady()
    {
        using var pools = new TempPoolDirectory();
        var notifyPath = Path.Combine(pools.Path, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));
        var startInfo = DaemonCommand.StartInfo(
            ["--device", "unix:" + Path.Combine(pools.Path, "nobody-listens.sock"), "--pool-dir", pools.Path, "-d"],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notifyPath });
        using var daemon = Process.Start(startInfo)!;
        var output = new StringBuilder();
        var retrying = new TaskCompletionSource();
        daemon.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }

            if (line.Data?.Contains("Could not register", StringComparison.Ordinal) == true)
            {
                retrying.TrySetResult();
            }
        };
        daemon.BeginOutputReadLine();
        await retrying.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var stopwatch = Stopwatch.StartNew();
        _ = Interop.Libc.Kill(daemon.Id, Interop.Libc.SIGTERM);
        using var guard = new CancellationTokenSource(StopGuard);
        await daemon.WaitForExitAsync(guard.Token);

        stopwatch.Elapsed.Should().BeLessThan(Prompt);
        daemon.ExitCode.Should().Be(0, output.ToString());
        output.ToString().Should().Contain("KVP stopping before registration completed").And.NotContain("[ERR]");

        // The daemon has exited: every datagram it sent is queued on the socket.
        var states = new List<string>();
        var datagram = new byte[4096];
        while (notify.Available > 0)
        {
            states.Add(Encoding.UTF8.GetString(datagram, 0, notify.Receive(datagram)));
        }

        states.Should().Contain("STOPPING=1").And.NotContain("READY=1", "systemd must not hear ready from a daemon that never registered");
    }

    [Fact]
    public async Task NoKvpDevice_LogsWhyAndExitsZero()
    {
        using var pools = new TempPoolDirectory();

        var result = await DaemonCommand.RunAsync("--device", "/dev/no-such-kvp-device", "--pool-dir", pools.Path);

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain("/dev/no-such-kvp-device does not exist");
        Enumerable.Range(0, 5).Should().OnlyContain(pool => File.Exists(Path.Combine(pools.Path, $".kvp_pool_{pool}")));
    }

    [Theory]
    [InlineData("--abi", "sparc")]
    [InlineData("--pool-dir", "relative/path")]
    [InlineData("--device", "unix:")]
    [InlineData("--no-such-option", "x")]
    public async Task BadCommandLine_ExitsTwoWithAClearMessage(string option, string value)
    {
        var result = await DaemonCommand.RunAsync(option, value);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("hypervkvpd: ");
    }

    [Fact]
    public async Task BadConfigurationFile_ExitsTwoNamingTheSetting()
    {
        using var pools = new TempPoolDirectory();
        var config = Path.Combine(pools.Path, "hypervkvpd.json");
        await File.WriteAllTextAsync(config, """{ "Abi": "sparc", "LogLevel": "Loud" }""");

        var result = await DaemonCommand.RunAsync("--config", config, "--pool-dir", pools.Path);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("Abi: 'sparc'").And.Contain("LogLevel: 'Loud'");
    }

    [Fact]
    public async Task MissingConfigurationFile_NamedExplicitly_ExitsTwo()
    {
        var result = await DaemonCommand.RunAsync("--config", "/nonexistent/hypervkvpd.json");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("/nonexistent/hypervkvpd.json");
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task VersionAndHelp_ExitZero(string option)
    {
        var result = await DaemonCommand.RunAsync(option);

        result.ExitCode.Should().Be(0);
        result.Output.Should().NotBeEmpty();
    }

    /// <remarks>
    /// Linux only: there the kernel answers registration, and the daemon must not report ready before reading that
    /// answer. The FreeBSD kernel never answers (docs/protocol.md 3.3), so a FreeBSD daemon is registered once its write
    /// succeeds; <see cref="NotifySocket_FreeBsd_ReadyFollowsRegistration"/> covers it.
    /// </remarks>
    [Fact]
    public async Task NotifySocket_Linux_ReadyIsSentOnlyAfterTheKernelsRegistrationReply()
    {
        const string abi = "linux";
        using var directory = new TempPoolDirectory();
        var notifyPath = Path.Combine(directory.Path, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));
        var notifications = new NotificationLog(notify);
        await using var simulator = KvpHostSimulator.Listen(Path.Combine(directory.Path, "kvp.sock"), Sessions.Abi(abi));
        var startInfo = DaemonCommand.StartInfo(
            ["--device", "unix:" + simulator.SocketPath, "--pool-dir", Path.Combine(directory.Path, "pool"), "--abi", abi],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notifyPath });
        using var daemon = Process.Start(startInfo)!;
        try
        {
            // The daemon says it is registering, then waits for the simulator, which has not accepted yet. A daemon
            // that reported ready before the handshake would do so in this second.
            await notifications.WaitForAsync(state => state.StartsWith("STATUS=Registering", StringComparison.Ordinal));
            await Task.Delay(TimeSpan.FromSeconds(1));
            notifications.Received.Should().NotContain("READY=1");

            using var guard = new CancellationTokenSource(Sessions.RegistrationTimeout);
            await simulator.WaitForRegistrationAsync(guard.Token);
            await notifications.WaitForAsync(state => state == "READY=1");
            notifications.Received.Should().Contain(state => state.StartsWith("STATUS=Registered", StringComparison.Ordinal));

            _ = Interop.Libc.Kill(daemon.Id, Interop.Libc.SIGTERM);
            await notifications.WaitForAsync(state => state == "STOPPING=1");
        }
        finally
        {
            if (!daemon.HasExited)
            {
                daemon.Kill();
            }
        }
    }

    [Fact]
    public async Task NotifySocket_FreeBsd_ReadyFollowsRegistration()
    {
        using var directory = new TempPoolDirectory();
        var notifyPath = Path.Combine(directory.Path, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));
        var notifications = new NotificationLog(notify);

        await using (var session = await Sessions.StartAsync("freebsd", new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notifyPath }))
        {
            await notifications.WaitForAsync(state => state == "READY=1");
            var received = notifications.Received.ToList();
            received.FindIndex(state => state.StartsWith("STATUS=Registered", StringComparison.Ordinal))
                .Should().BeInRange(0, received.IndexOf("READY=1") - 1);
        }

        await notifications.WaitForAsync(state => state == "STOPPING=1");
    }

    /// <summary>Collects sd_notify datagrams in the background.</summary>
    private sealed class NotificationLog
    {
        private readonly List<string> _received = [];
        private readonly SemaphoreSlim _arrived = new(0);

        public NotificationLog(Socket socket) => _ = ReceiveAsync(socket);

        public IReadOnlyList<string> Received
        {
            get
            {
                lock (_received)
                {
                    return _received.ToArray();
                }
            }
        }

        public async Task WaitForAsync(Func<string, bool> predicate)
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!Received.Any(predicate))
            {
                await _arrived.WaitAsync(guard.Token);
            }
        }

        private async Task ReceiveAsync(Socket socket)
        {
            var buffer = new byte[4096];
            while (true)
            {
                int length;
                try
                {
                    length = await socket.ReceiveAsync(buffer, SocketFlags.None);
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                lock (_received)
                {
                    _received.AddRange(Encoding.UTF8.GetString(buffer, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries));
                }

                _arrived.Release();
            }
        }
    }
}
