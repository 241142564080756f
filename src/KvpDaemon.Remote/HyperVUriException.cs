// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>A hyperv:// URI that breaks libvirt's rules; the message says which rule and how to fix it.</summary>
internal sealed class HyperVUriException : FormatException
{
    public HyperVUriException(string message)
        : base(message)
    {
    }
}
