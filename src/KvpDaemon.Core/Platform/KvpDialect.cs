// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Platform;

/// <summary>
/// The per-OS facts of the daemon (docs/contributing.md rule 6): default paths and modes (docs/protocol.md 1.9 and section 10), the kernel
/// ABI, and the system calls the pool store and the device transport make. What is the same on Linux and FreeBSD is
/// written once here (open, flock, the record-lock calls, the poll wait, the stat paths); a subclass holds only the
/// constants, structures, lock semantics and message framing that differ (docs/contributing.md rule 5). Exactly one
/// subclass per supported OS, chosen explicitly; there is no default.
/// </summary>
internal abstract class KvpDialect
{
    protected const short SEEK_SET = 0;

    public abstract string Name { get; }

    /// <summary>The kernel ABI of this OS.</summary>
    public abstract KvpAbi Abi { get; }

    public abstract string DefaultDevicePath { get; }

    public abstract string DefaultPoolDirectory { get; }

    public abstract string DefaultConfigFile { get; }

    public abstract string DefaultScriptsDirectory { get; }

    public abstract string DefaultStateDirectory { get; }

    /// <summary>The mode of a pool directory the daemon creates. An existing directory is left as it is.</summary>
    public abstract UnixFileMode PoolDirectoryMode { get; }

    /// <summary>The mode of a pool file the daemon creates. An existing file keeps its mode (docs/compatibility.md E #12).</summary>
    public abstract UnixFileMode PoolFileMode { get; }

    /// <summary>Create the file when it does not exist.</summary>
    internal abstract Interop.Libc.OpenFlags O_CREAT { get; }

    /// <summary>With O_CREAT: fail with EEXIST when the file exists (and never follow a symbolic link).</summary>
    internal abstract Interop.Libc.OpenFlags O_EXCL { get; }

    /// <summary>Close the descriptor in the helper programs the daemon starts.</summary>
    internal abstract Interop.Libc.OpenFlags O_CLOEXEC { get; }

    /// <summary>Open fails on a symbolic link instead of following it.</summary>
    internal abstract Interop.Libc.OpenFlags O_NOFOLLOW { get; }

    /// <summary>The <c>l_type</c> of a shared (read) record lock.</summary>
    internal abstract short F_RDLCK { get; }

    /// <summary>The <c>l_type</c> of an exclusive (write) record lock.</summary>
    internal abstract short F_WRLCK { get; }

    /// <summary>The <c>l_type</c> that releases a record lock.</summary>
    internal abstract short F_UNLCK { get; }

    /// <summary>The errno of a non-blocking lock attempt on a lock another process holds (EAGAIN = EWOULDBLOCK).</summary>
    internal abstract int EAGAIN { get; }

    /// <summary>The errno open(2) gives for O_NOFOLLOW on a symbolic link: ELOOP on Linux, EMLINK on FreeBSD.</summary>
    internal abstract int ErrnoSymbolicLinkRefused { get; }

    /// <summary>The effective user of this process: the owner pool files and the pool directory must have.</summary>
    public uint EffectiveUserId => Interop.Libc.GetEUid();

    /// <summary>The dialect of the OS this process runs on.</summary>
    /// <exception cref="PlatformNotSupportedException">Anywhere but Linux and FreeBSD.</exception>
    public static KvpDialect ForCurrentOperatingSystem()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxKvpDialect();
        }

        if (OperatingSystem.IsFreeBSD())
        {
            return new FreeBsdKvpDialect();
        }

        throw new PlatformNotSupportedException("KvpDaemon runs on Linux and FreeBSD guests only.");
    }

    /// <summary>Opens an existing file or device read-write, close-on-exec, without any implicit lock.</summary>
    public SafeFileHandle OpenReadWrite(string path) =>
        OpenOrThrow(path, Interop.Libc.OpenFlags.O_RDWR | O_CLOEXEC, $"open {path}");

    /// <summary>
    /// Opens an existing file read-only, close-on-exec, never through a symbolic link (<see cref="IsSymbolicLinkRefusal"/>):
    /// reading a pool needs no write permission.
    /// </summary>
    public SafeFileHandle OpenReadOnly(string path) =>
        OpenOrThrow(path, Interop.Libc.OpenFlags.O_RDONLY | O_CLOEXEC | O_NOFOLLOW, $"open {path}");

    /// <summary>
    /// Opens <paramref name="path"/> read-write, creating it with exactly <paramref name="mode"/> (whatever the umask)
    /// when it does not exist. Never truncates, never follows a symbolic link: O_CREAT|O_EXCL does not, and the open of
    /// an existing file has O_NOFOLLOW (<see cref="IsSymbolicLinkRefusal"/>).
    /// </summary>
    public SafeFileHandle OpenOrCreate(string path, UnixFileMode mode, out bool created)
    {
        while (true)
        {
            var createdHandle = Open(path, Interop.Libc.OpenFlags.O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, (int)mode);
            if (!createdHandle.IsInvalid)
            {
                SetModeOrClose(createdHandle, mode);
                created = true;
                return createdHandle;
            }

            var errno = ErrnoOfFailedOpen(createdHandle);
            if (errno != Interop.Libc.EEXIST)
            {
                throw Interop.Libc.CreateIOException(errno, $"create {path}");
            }

            var existingHandle = Open(path, Interop.Libc.OpenFlags.O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0);
            if (!existingHandle.IsInvalid)
            {
                created = false;
                return existingHandle;
            }

            // The file vanished between the two opens: try creating it again.
            errno = ErrnoOfFailedOpen(existingHandle);
            if (errno != Interop.Libc.ENOENT)
            {
                throw Interop.Libc.CreateIOException(errno, $"open {path}");
            }
        }
    }

    /// <summary>Whether an open failed because O_NOFOLLOW met a symbolic link.</summary>
    public bool IsSymbolicLinkRefusal(IOException exception) =>
        Interop.Libc.ErrnoOf(exception) == ErrnoSymbolicLinkRefused;

    /// <summary>
    /// Tries the fcntl lock over the whole file without waiting. The write lock is the one the reference daemons take
    /// around every pool write (docs/protocol.md section 7); a shared (read) lock, which needs only a read-only descriptor,
    /// still excludes every writer and cannot be blocked by another reader (docs/reliability.md, "Hostile local users, helpers and servers").
    /// </summary>
    /// <returns>False when another process holds a conflicting lock.</returns>
    public bool TryLockRecords(SafeFileHandle file, bool exclusive)
    {
        return TookLock(SetRecordLock(file, exclusive ? F_WRLCK : F_RDLCK), RecordLockCall);
    }

    /// <summary>Releases the lock <see cref="TryLockRecords"/> took.</summary>
    public void UnlockRecords(SafeFileHandle file)
    {
        _ = TookLock(SetRecordLock(file, F_UNLCK), RecordLockCall);
    }

    /// <summary>
    /// True where <c>flock</c> locks and fcntl record locks are separate (Linux): a writer must then take both to exclude
    /// cloud-init's flock appends and the reference daemon's fcntl locks. False where they are one lock (FreeBSD: a
    /// flock is seen as a lock on every record by fcntl users and the other way round, and flock(2) asks a process to use
    /// only one of the two), so the fcntl write lock alone excludes both kinds of writer, and a flock of our own would
    /// conflict with our own fcntl lock.
    /// </summary>
    public abstract bool FlockSeparateFromRecordLocks { get; }

    /// <summary>
    /// Takes <c>flock(LOCK_EX)</c>, waiting for it: the lock cloud-init and azure-init append under. On Linux it does
    /// not conflict with fcntl locks, so writers take both (docs/compatibility.md D.1).
    /// </summary>
    public void LockWriters(SafeFileHandle file)
    {
        // The one blocking lock call: a signal can interrupt the wait, which then simply goes on.
        int result;
        do
        {
            result = Interop.Libc.FLock(file, Interop.Libc.LockOperations.LOCK_EX);
        }
        while (Interop.Libc.Interrupted(result));

        Interop.Libc.CheckIo(result, "flock(LOCK_EX)");
    }

    /// <summary>
    /// Tries <c>flock(LOCK_EX | LOCK_NB)</c>: <see cref="LockWriters"/> without waiting. Any user who can open the file
    /// can hold a flock on it, even read-only, so the pool store never waits for one unbounded.
    /// </summary>
    /// <returns>False when another open file holds a flock on it.</returns>
    public bool TryLockWriters(SafeFileHandle file)
    {
        return TookLock(
            Interop.Libc.FLock(file, Interop.Libc.LockOperations.LOCK_EX | Interop.Libc.LockOperations.LOCK_NB),
            "flock(LOCK_EX|LOCK_NB)");
    }

    /// <summary>Releases the lock <see cref="LockWriters"/> or <see cref="TryLockWriters"/> took.</summary>
    public void UnlockWriters(SafeFileHandle file)
    {
        Interop.Libc.CheckIo(Interop.Libc.FLock(file, Interop.Libc.LockOperations.LOCK_UN), "flock(LOCK_UN)");
    }

    /// <summary>
    /// The identity of the file at <paramref name="path"/> (lstat: a symbolic link is not its target), or null when
    /// nothing is there.
    /// </summary>
    public FileIdentity? StatPath(string path) => StatusOfPath(path)?.Identity;

    /// <summary>Type, links, owner and mode of the open file (fstat).</summary>
    public FileFacts FactsOf(SafeFileHandle file) => StatusOf(file).Facts;

    /// <summary>Type, links, owner and mode of what is at <paramref name="path"/> (lstat), or null when nothing is.</summary>
    public FileFacts? FactsOfPath(string path) => StatusOfPath(path)?.Facts;

    /// <summary>The identity of the open file.</summary>
    public FileIdentity StatHandle(SafeFileHandle file) => StatusOf(file).Identity;

    /// <summary>
    /// Waits until <paramref name="file"/> is readable or <paramref name="wakeup"/> has data: one <c>poll(2)</c> for
    /// both OSes, whose <c>struct pollfd</c> and POLL* values are the same (<see cref="Interop.Libc.Poll"/>).
    /// </summary>
    /// <returns>True when the file is readable; false when woken.</returns>
    /// <exception cref="IOException">The file reported an error or hang-up (the driver is going away).</exception>
    public bool WaitReadable(SafeFileHandle file, SafeFileHandle wakeup)
    {
        // The kernel reads an array of pollfd structures holding raw descriptors, which a SafeHandle parameter cannot
        // express; the two references taken here keep both descriptors open (and their numbers unused by another
        // file) until poll returns, as the marshaller does for a SafeHandle parameter.
        var fileReferenced = false;
        var wakeupReferenced = false;
        try
        {
            file.DangerousAddRef(ref fileReferenced);
            wakeup.DangerousAddRef(ref wakeupReferenced);
            Span<Interop.Libc.PollFd> fds =
            [
                new() { Fd = (int)file.DangerousGetHandle(), Events = Interop.Libc.PollEvents.POLLIN },
                new() { Fd = (int)wakeup.DangerousGetHandle(), Events = Interop.Libc.PollEvents.POLLIN },
            ];

            // No timeout: an idle daemon sleeps in poll until the host sends something or shutdown writes the wake-up
            // pipe. A signal ends the sleep with EINTR (poll is never restarted); the wait then simply goes on.
            int result;
            do
            {
                result = Interop.Libc.Poll(fds, (nuint)fds.Length, -1);
            }
            while (Interop.Libc.Interrupted(result));

            Interop.Libc.CheckIo(result, "poll");
            if ((fds[1].Revents & Interop.Libc.PollEvents.POLLIN) != 0)
            {
                return false;
            }

            const Interop.Libc.PollEvents Failed =
                Interop.Libc.PollEvents.POLLERR | Interop.Libc.PollEvents.POLLHUP | Interop.Libc.PollEvents.POLLNVAL;
            if ((fds[0].Revents & Failed) != 0)
            {
                throw new IOException($"The KVP device reported poll events 0x{(ushort)fds[0].Revents:x}.");
            }

            return true;
        }
        finally
        {
            if (wakeupReferenced)
            {
                wakeup.DangerousRelease();
            }

            if (fileReferenced)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>Reads one whole message from the KVP device into <paramref name="buffer"/>.</summary>
    /// <returns>The number of bytes the kernel transferred.</returns>
    public abstract int ReadMessage(SafeFileHandle device, Span<byte> buffer);

    /// <summary>Writes one whole message to the KVP device; anything less is an <see cref="IOException"/>.</summary>
    public abstract void WriteMessage(SafeFileHandle device, ReadOnlySpan<byte> message);

    /// <summary>A close-on-exec pipe: (read end, write end).</summary>
    public (SafeFileHandle Read, SafeFileHandle Write) CreatePipe()
    {
        Span<int> fds = stackalloc int[2];
        Interop.Libc.CheckIo(Interop.Libc.Pipe2(fds, O_CLOEXEC), "pipe2");
        return (new SafeFileHandle(fds[0], ownsHandle: true), new SafeFileHandle(fds[1], ownsHandle: true));
    }

    public override string ToString() => Name;

    /// <summary>The fcntl command <see cref="SetRecordLock"/> makes, as error messages name it.</summary>
    protected abstract string RecordLockCall { get; }

    /// <summary>
    /// One fcntl call that sets (or, with <see cref="F_UNLCK"/>, releases) a lock of <paramref name="type"/> over the
    /// whole file without waiting, with this OS's <c>struct flock</c> and command: 0, or -1 with errno.
    /// </summary>
    protected abstract int SetRecordLock(SafeFileHandle file, short type);

    /// <summary>lstat(2) in this OS's form: 0, or -1 with errno. A symbolic link is described, not followed.</summary>
    protected abstract int LStat(string path, out FileStatus status);

    /// <summary>fstat(2) in this OS's form: 0, or -1 with errno.</summary>
    protected abstract int FStat(SafeFileHandle file, out FileStatus status);

    /// <summary>
    /// The result of a non-blocking lock call: true when it took the lock, false on EAGAIN/EWOULDBLOCK or EACCES (POSIX
    /// lets fcntl report a held lock either way); any other error is an <see cref="IOException"/>. A call that does not
    /// wait is not interrupted, so there is no EINTR to retry.
    /// </summary>
    protected bool TookLock(int result, string what)
    {
        if (result == 0)
        {
            return true;
        }

        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno == EAGAIN || errno == Interop.Libc.EACCES ? false : throw Interop.Libc.CreateIOException(errno, what);
    }

    private FileStatus StatusOf(SafeFileHandle file)
    {
        Interop.Libc.CheckIo(FStat(file, out var status), "fstat");
        return status;
    }

    private FileStatus? StatusOfPath(string path)
    {
        if (LStat(path, out var status) == 0)
        {
            return status;
        }

        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno == Interop.Libc.ENOENT ? null : throw Interop.Libc.CreateIOException(errno, $"lstat {path}");
    }

    /// <summary>Sets the mode of a file just created (the umask narrowed it); on failure the file is closed.</summary>
    private static void SetModeOrClose(SafeFileHandle handle, UnixFileMode mode)
    {
        try
        {
            File.SetUnixFileMode(handle, mode);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static SafeFileHandle OpenOrThrow(string path, Interop.Libc.OpenFlags flags, string what)
    {
        var handle = Open(path, flags, 0);
        return handle.IsInvalid ? throw Interop.Libc.CreateIOException(ErrnoOfFailedOpen(handle), what) : handle;
    }

    /// <summary>
    /// open(2), retrying EINTR (opening a device or a FIFO can wait). The import returns the handle itself, so a
    /// descriptor is never left without an owner; an invalid handle means failure, with errno still to be read
    /// (<see cref="ErrnoOfFailedOpen"/>).
    /// </summary>
    private static SafeFileHandle Open(string path, Interop.Libc.OpenFlags flags, int mode)
    {
        while (true)
        {
            var handle = Interop.Libc.Open(path, flags, mode);
            if (!handle.IsInvalid || System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != Interop.Libc.EINTR)
            {
                return handle;
            }

            handle.Dispose();
        }
    }

    /// <summary>The errno of an open that returned an invalid handle, which this disposes.</summary>
    private static int ErrnoOfFailedOpen(SafeFileHandle handle)
    {
        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        handle.Dispose();
        return errno;
    }
}
