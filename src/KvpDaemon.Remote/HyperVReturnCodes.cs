// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>
/// The return codes of Msvm_VirtualSystemManagementService's AddKvpItems, ModifyKvpItems and RemoveKvpItems (and of
/// their jobs' ErrorCode), as Microsoft documents them, plus 32779 as containers/libhvee maps it (docs/compatibility.md A.1).
/// </summary>
internal static class HyperVReturnCodes
{
    public const uint Completed = 0;
    public const uint JobStarted = 4096;
    public const uint Failed = 32768;
    public const uint AccessDenied = 32769;
    public const uint NotSupported = 32770;
    public const uint StatusUnknown = 32771;
    public const uint Timeout = 32772;
    public const uint InvalidParameter = 32773;
    public const uint SystemInUse = 32774;
    public const uint InvalidState = 32775;
    public const uint IncorrectDataType = 32776;
    public const uint SystemNotAvailable = 32777;
    public const uint OutOfMemory = 32778;
    public const uint NotFound = 32779;

    /// <summary>What <paramref name="code"/> means, for a message; unknown codes are said to be so.</summary>
    public static string Describe(uint code) => code switch
    {
        Completed => "completed with no error",
        JobStarted => "method parameters checked, job started",
        Failed => "failed",
        AccessDenied => "access denied (run as an administrator of the host; UAC remote filtering can also cause this)",
        NotSupported => "not supported",
        StatusUnknown => "status is unknown",
        Timeout => "timeout",
        InvalidParameter => "invalid parameter (Add: the key already exists; Modify: the key does not exist)",
        SystemInUse => "the system is in use",
        InvalidState => "invalid state for this operation (is the VM running, with Data Exchange enabled?)",
        IncorrectDataType => "incorrect data type",
        SystemNotAvailable => "the system is not available",
        OutOfMemory => "out of memory",
        NotFound => "not found",
        _ => "an undocumented return code",
    };
}
