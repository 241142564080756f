// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>How a hyperv:// connection reaches WinRM: the <c>transport</c> query parameter of the URI.</summary>
internal enum WsManTransport
{
    /// <summary>HTTPS, port 5986 by default: libvirt's default transport.</summary>
    Https,

    /// <summary>Plain HTTP, port 5985 by default: labs only (Basic sends the password in clear text).</summary>
    Http,
}
