// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Transport;

/// <summary>
/// The kernel's KVP character device (<c>/dev/vmbus/hv_kvp</c>, <c>/dev/hv_kvp_dev</c>). Reads wait in poll(2) on the
/// device and on a wake-up pipe, so shutdown interrupts a daemon that is idle waiting for the host without any timer
/// (a FreeBSD read itself waits uninterruptibly, docs/protocol.md 2.6). Transfers are the dialect's: read/write on the Linux
/// device, pread/pwrite at offset 0 on the FreeBSD device (docs/protocol.md 2.6, "Read length rule").
/// </summary>
internal sealed class DeviceTransport : IKvpTransport
{
    private readonly KvpDialect _dialect;
    private readonly SafeFileHandle _wakeupRead;
    private readonly SafeFileHandle _wakeupWrite;

    /// <summary><see cref="WakeUp"/> as a delegate made once: a method group passed on every read allocates one each time.</summary>
    private readonly Action _wakeUpOnCancel;
    private SafeFileHandle? _device;

    public DeviceTransport(string path, KvpDialect dialect)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Description = path;
        _dialect = dialect;
        (_wakeupRead, _wakeupWrite) = dialect.CreatePipe();
        _wakeUpOnCancel = WakeUp;
    }

    public string Description { get; }

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        Close();
        _device = _dialect.OpenReadWrite(Description);
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var device = _device ?? throw new IOException("The KVP device is not open.");
        using (cancellationToken.Register(_wakeUpOnCancel))
        {
            if (!_dialect.WaitReadable(device, _wakeupRead))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return ValueTask.FromResult(_dialect.ReadMessage(device, buffer.Span));
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var device = _device ?? throw new IOException("The KVP device is not open.");
        _dialect.WriteMessage(device, message.Span);
        return ValueTask.CompletedTask;
    }

    public void Close()
    {
        _device?.Dispose();
        _device = null;
    }

    public void Dispose()
    {
        Close();
        _wakeupRead.Dispose();
        _wakeupWrite.Dispose();
    }

    private void WakeUp() => Interop.Libc.Write(_wakeupWrite, "!"u8, offset: null, "write to the wake-up pipe");
}
