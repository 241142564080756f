// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>
/// Hyper-V refused or failed an operation: a method's ReturnValue or a job's ErrorCode other than success, or a VM
/// that cannot be found. <see cref="Code"/> is the WMI return code, or null when there is none.
/// </summary>
internal sealed class HyperVException : Exception
{
    public HyperVException(string message, uint? code = null)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The return code (<see cref="HyperVReturnCodes"/>), when the failure has one.</summary>
    public uint? Code { get; }
}
