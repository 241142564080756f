// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Platform;

/// <summary>
/// The per-OS facts of the daemon (docs/contributing.md rule 6): default paths and modes (docs/protocol.md 1.9 and section 10), the kernel
/// ABI, and the few system calls whose constants or structures differ between Linux and FreeBSD. Exactly one subclass
/// per supported OS, chosen explicitly; there is no default.
/// </summary>
internal abstract class KvpDialect
{
    protected const int O_RDONLY = 0;
    protected const int O_RDWR = 2;
    protected const int SEEK_SET = 0;

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

    protected abstract int O_CREAT { get; }

    protected abstract int O_EXCL { get; }

    protected abstract int O_CLOEXEC { get; }

    protected abstract int EEXIST { get; }

    protected abstract int ENOENT { get; }

    /// <summary>Open fails on a symbolic link instead of following it.</summary>
    protected abstract int O_NOFOLLOW { get; }

    /// <summary>The errno of a non-blocking lock attempt on a lock another process holds (EAGAIN = EWOULDBLOCK).</summary>
    protected abstract int EAGAIN { get; }

    /// <summary>The errno open(2) gives for O_NOFOLLOW on a symbolic link: ELOOP on Linux, EMLINK on FreeBSD.</summary>
    protected abstract int ErrnoSymbolicLinkRefused { get; }

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
    public SafeFileHandle OpenReadWrite(string path)
    {
        var fd = Interop.Libc.CheckIo(() => Interop.Libc.Open(path, O_RDWR | O_CLOEXEC, 0), $"open {path}");
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// Opens an existing file read-only, close-on-exec, never through a symbolic link (<see cref="IsSymbolicLinkRefusal"/>):
    /// reading a pool needs no write permission.
    /// </summary>
    public SafeFileHandle OpenReadOnly(string path)
    {
        var fd = Interop.Libc.CheckIo(() => Interop.Libc.Open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0), $"open {path}");
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// Opens <paramref name="path"/> read-write, creating it with exactly <paramref name="mode"/> (whatever the umask)
    /// when it does not exist. Never truncates, never follows a symbolic link: O_CREAT|O_EXCL does not, and the open of
    /// an existing file has O_NOFOLLOW (<see cref="IsSymbolicLinkRefusal"/>).
    /// </summary>
    public SafeFileHandle OpenOrCreate(string path, UnixFileMode mode, out bool created)
    {
        while (true)
        {
            var fd = Interop.Libc.Open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, (int)mode);
            if (fd >= 0)
            {
                var handle = new SafeFileHandle(fd, ownsHandle: true);
                File.SetUnixFileMode(handle, mode);
                created = true;
                return handle;
            }

            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno != EEXIST)
            {
                throw Interop.Libc.CreateIOException(errno, $"create {path}");
            }

            fd = Interop.Libc.Open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0);
            if (fd >= 0)
            {
                created = false;
                return new SafeFileHandle(fd, ownsHandle: true);
            }

            // The file vanished between the two opens: try creating it again.
            errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno != ENOENT)
            {
                throw Interop.Libc.CreateIOException(errno, $"open {path}");
            }
        }
    }

    /// <summary>Whether an open failed because O_NOFOLLOW met a symbolic link.</summary>
    public bool IsSymbolicLinkRefusal(IOException exception) =>
        exception is not null && Interop.Libc.ErrnoOf(exception) == ErrnoSymbolicLinkRefused;

    /// <summary>
    /// Tries the fcntl lock over the whole file without waiting. The write lock is the one the reference daemons take
    /// around every pool write (docs/protocol.md section 7); a shared (read) lock, which needs only a read-only descriptor,
    /// still excludes every writer and cannot be blocked by another reader (docs/reliability.md, "Hostile local users, helpers and servers").
    /// </summary>
    /// <returns>False when another process holds a conflicting lock.</returns>
    public abstract bool TryLockRecords(SafeFileHandle file, bool exclusive);

    /// <summary>Releases the lock <see cref="TryLockRecords"/> took.</summary>
    public abstract void UnlockRecords(SafeFileHandle file);

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
        ArgumentNullException.ThrowIfNull(file);
        var fd = (int)file.DangerousGetHandle();
        Interop.Libc.CheckIo(() => Interop.Libc.FLock(fd, Interop.Libc.LOCK_EX), "flock(LOCK_EX)");
    }

    /// <summary>
    /// Tries <c>flock(LOCK_EX | LOCK_NB)</c>: <see cref="LockWriters"/> without waiting. Any user who can open the file
    /// can hold a flock on it, even read-only, so the pool store never waits for one unbounded.
    /// </summary>
    /// <returns>False when another open file holds a flock on it.</returns>
    public bool TryLockWriters(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fd = (int)file.DangerousGetHandle();
        return TryLock(static fd => Interop.Libc.FLock(fd, Interop.Libc.LOCK_EX | Interop.Libc.LOCK_NB), fd, "flock(LOCK_EX|LOCK_NB)");
    }

    /// <summary>Releases the lock <see cref="LockWriters"/> or <see cref="TryLockWriters"/> took.</summary>
    public void UnlockWriters(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fd = (int)file.DangerousGetHandle();
        Interop.Libc.CheckIo(static fd => Interop.Libc.FLock(fd, Interop.Libc.LOCK_UN), fd, "flock(LOCK_UN)");
    }

    /// <summary>
    /// The identity of the file at <paramref name="path"/> (lstat: a symbolic link is not its target), or null when
    /// nothing is there.
    /// </summary>
    public abstract FileIdentity? StatPath(string path);

    /// <summary>Type, links, owner and mode of the open file (fstat).</summary>
    public abstract FileFacts FactsOf(SafeFileHandle file);

    /// <summary>Type, links, owner and mode of what is at <paramref name="path"/> (lstat), or null when nothing is.</summary>
    public abstract FileFacts? FactsOfPath(string path);

    /// <summary>
    /// Runs a non-blocking lock call: true when it took the lock, false on EAGAIN/EWOULDBLOCK or EACCES (POSIX lets
    /// fcntl report a held lock either way); any other error is an <see cref="IOException"/>.
    /// </summary>
    /// <remarks>The call is static and gets its arguments in <paramref name="state"/>, so a lock attempt allocates nothing.</remarks>
    protected bool TryLock<TState>(Func<TState, int> call, TState state, string what)
    {
        const int EACCES = 13;
        try
        {
            Interop.Libc.CheckIo(call, state, what);
            return true;
        }
        catch (IOException exception) when (Interop.Libc.ErrnoOf(exception) == EAGAIN || Interop.Libc.ErrnoOf(exception) == EACCES)
        {
            return false;
        }
    }

    /// <summary>The identity of the open file.</summary>
    public abstract FileIdentity StatHandle(SafeFileHandle file);

    /// <summary>
    /// Waits until <paramref name="file"/> is readable or <paramref name="wakeup"/> has data.
    /// </summary>
    /// <returns>True when the file is readable; false when woken.</returns>
    /// <exception cref="IOException">The file reported an error or hang-up (the driver is going away).</exception>
    public abstract bool WaitReadable(SafeFileHandle file, SafeFileHandle wakeup);

    /// <summary>Reads one whole message from the KVP device into <paramref name="buffer"/>.</summary>
    /// <returns>The number of bytes the kernel transferred.</returns>
    public abstract int ReadMessage(SafeFileHandle device, Span<byte> buffer);

    /// <summary>Writes one whole message to the KVP device; anything less is an <see cref="IOException"/>.</summary>
    public abstract void WriteMessage(SafeFileHandle device, ReadOnlySpan<byte> message);

    /// <summary>A close-on-exec pipe: (read end, write end).</summary>
    public (SafeFileHandle Read, SafeFileHandle Write) CreatePipe()
    {
        Span<int> fds = stackalloc int[2];
        var flags = O_CLOEXEC;
        var result = Interop.Libc.Pipe2(fds, flags);
        if (result != 0)
        {
            throw Interop.Libc.CreateIOException(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), "pipe2");
        }

        return (new SafeFileHandle(fds[0], ownsHandle: true), new SafeFileHandle(fds[1], ownsHandle: true));
    }

    public override string ToString() => Name;
}
