// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.Sockets;
using KvpDaemon.Systemd;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Hosting;

public sealed class GuardedSystemdNotifierTests
{
    [Fact]
    public void Ready_AfterStopping_IsDropped()
    {
        var inner = new RecordingNotifier();
        var notifier = new GuardedSystemdNotifier(inner, NullLogger<GuardedSystemdNotifier>.Instance);

        notifier.Notify(new ServiceState("STATUS=Registering with /dev/vmbus/hv_kvp"));
        notifier.Notify(ServiceState.Stopping);
        notifier.Notify(ServiceState.Ready);
        notifier.Notify(new ServiceState("STATUS=stopped"));

        inner.States.Should().Equal("STATUS=Registering with /dev/vmbus/hv_kvp", "STOPPING=1", "STATUS=stopped");
    }

    [Fact]
    public void Ready_BeforeStopping_IsSent()
    {
        var inner = new RecordingNotifier();
        var notifier = new GuardedSystemdNotifier(inner, NullLogger<GuardedSystemdNotifier>.Instance);

        notifier.Notify(ServiceState.Ready);
        notifier.Notify(ServiceState.Stopping);

        inner.States.Should().Equal("READY=1", "STOPPING=1");
    }

    [Fact]
    public void Notify_SocketFails_IsLoggedNotThrown()
    {
        var logger = new RecordingLogger();
        var notifier = new GuardedSystemdNotifier(new FailingNotifier(), logger);

        notifier.Invoking(n => n.Notify(ServiceState.Ready)).Should().NotThrow();
        logger.Messages.Should().ContainSingle().Which.Should().Be("Could not send READY=1 to the service manager: Connection refused");
    }

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        public List<string> States { get; } = [];

        public bool IsEnabled => true;

        public void Notify(ServiceState state) => States.Add(state.ToString());
    }

    /// <summary>As the library's notifier behaves when NOTIFY_SOCKET names a socket nobody listens on.</summary>
    private sealed class FailingNotifier : ISystemdNotifier
    {
        public bool IsEnabled => true;

        public void Notify(ServiceState state) => throw new SocketException((int)SocketError.ConnectionRefused);
    }

    private sealed class RecordingLogger : ILogger<GuardedSystemdNotifier>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
