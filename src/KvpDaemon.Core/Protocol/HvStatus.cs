// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Protocol;

/// <summary>
/// The 32-bit status the daemon writes over the header of a reply (docs/protocol.md 1.4); the kernel relays it to the host
/// as the IC status. Values are HRESULTs.
/// </summary>
internal enum HvStatus : uint
{
    HV_S_OK = 0x00000000,

    /// <summary>E_FAIL: an I/O error, or IP information that could not be produced or applied.</summary>
    HV_E_FAIL = 0x80004005,

    /// <summary>HRESULT_FROM_WIN32(ERROR_NO_MORE_ITEMS): end of an enumeration, key not found, request refused.</summary>
    HV_S_CONT = 0x80070103,

    HV_ERROR_NOT_SUPPORTED = 0x80070032,
    HV_ERROR_MACHINE_LOCKED = 0x800704F7,
    HV_ERROR_DEVICE_NOT_CONNECTED = 0x8007048F,
    HV_INVALIDARG = 0x80070057,
    HV_GUID_NOTFOUND = 0x80041002,

    /// <summary>Defined by the Linux uapi header only.</summary>
    HV_ERROR_ALREADY_EXISTS = 0x80070050,

    /// <summary>Defined by the Linux uapi header only.</summary>
    HV_ERROR_DISK_FULL = 0x80070070,
}
