// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Systemd;

/// <summary>
/// The library's <see cref="SystemdNotifier"/> with the two guarantees it does not give. A notification that cannot
/// be delivered (the service manager went away, a NOTIFY_SOCKET that names nothing) is logged and dropped: the
/// library's notifier throws, and a STATUS= line must never fail a request or a start. And once STOPPING=1 has gone
/// out, READY=1 is dropped: the host raises ApplicationStarted even when a stop was requested while the daemon was
/// still registering, and SystemdLifetime would then tell systemd "ready" after "stopping".
/// </summary>
internal sealed partial class GuardedSystemdNotifier : ISystemdNotifier
{
    private readonly ISystemdNotifier _inner;
    private readonly ILogger _logger;
    private volatile bool _stopping;

    public GuardedSystemdNotifier(ISystemdNotifier inner, ILogger<GuardedSystemdNotifier> logger)
    {
        _inner = inner;
        _logger = logger;
    }

    public bool IsEnabled => _inner.IsEnabled;

    public void Notify(ServiceState state)
    {
        var text = state.ToString();
        if (text == ServiceState.Stopping.ToString())
        {
            _stopping = true;
        }
        else if (_stopping && text == ServiceState.Ready.ToString())
        {
            return;
        }

        try
        {
            _inner.Notify(state);
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or IOException or ObjectDisposedException)
        {
            Log.NotifyFailed(_logger, text, exception.Message);
        }
    }
}
