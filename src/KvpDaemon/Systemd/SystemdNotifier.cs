// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.Sockets;
using System.Text;

namespace KvpDaemon.Systemd;

/// <summary>
/// sd_notify(3) without libsystemd: each state ("READY=1", "STATUS=...") is one datagram to the AF_UNIX socket named by
/// <c>$NOTIFY_SOCKET</c> (a leading '@' names an abstract socket). Without the variable, notifications are dropped: the
/// daemon was not started by systemd with Type=notify. Modelled on the runtime's SystemdNotifier contract.
/// </summary>
internal sealed class SystemdNotifier
{
    public const string NotifySocketVariable = "NOTIFY_SOCKET";

    private readonly string? _socketPath;

    /// <summary>Reads <c>$NOTIFY_SOCKET</c>.</summary>
    public SystemdNotifier()
        : this(Environment.GetEnvironmentVariable(NotifySocketVariable))
    {
    }

    /// <summary>For tests: notify the given socket path, or nothing when it is null.</summary>
    internal SystemdNotifier(string? socketPath)
    {
        _socketPath = string.IsNullOrEmpty(socketPath) ? null : socketPath;
    }

    /// <summary>Sends one notification; a failure to deliver it is reported, never thrown.</summary>
    /// <returns>False when the notification could not be sent.</returns>
    public bool Notify(string state)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        if (_socketPath is null)
        {
            return true;
        }

        var path = _socketPath[0] == '@' ? "\0" + _socketPath[1..] : _socketPath;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            socket.Send(Encoding.UTF8.GetBytes(state));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
