// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers;
using System.Diagnostics;
using KvpDaemon.Platform;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Pools;

/// <summary>
/// One pool file, shared with other programs (cloud-init and azure-init append to pool 1, WALinuxAgent reads pool 0,
/// the hvkvp CLI reads and writes any pool). Owns one descriptor to the file and an index of its keys.
/// </summary>
/// <remarks>
/// <para>Writers take the fcntl write lock over the whole file (the reference daemons' lock; an OFD lock on Linux) and
/// <c>flock(LOCK_EX)</c>, the lock cloud-init appends under, where the two are separate locks (Linux; on FreeBSD the fcntl
/// lock alone excludes flock users: <see cref="KvpDialect.FlockSeparateFromRecordLocks"/>) (docs/protocol.md section 7,
/// docs/compatibility.md D.1). Readers
/// take the shared fcntl lock only: it excludes every writer, and no other reader (a local user with a read-only
/// descriptor, who can take nothing stronger) can block it. Every lock is tried without blocking and retried with
/// back-off for at most <see cref="LockTimeout"/>, then the operation fails with a
/// <see cref="PoolLockTimeoutException"/> (docs/reliability.md, "Hostile local users, helpers and servers"). Under the lock the file is re-read
/// only when its identity (inode, size, mtime, ctime) changed. A file that vanished is recreated empty; a file
/// replaced by another inode is reopened.</para>
/// <para>Files are opened with O_NOFOLLOW and checked with fstat before use: a regular file with one link, owned by
/// this process's user (or by root, for hvkvp). Anything else is refused with a
/// <see cref="PoolFileRefusedException"/> and never written through (docs/reliability.md,
/// "Hostile local users, helpers and servers").</para>
/// <para>Only the keys stay in memory (about 80 bytes a record); values are read from the file under the lock, one
/// pread(2) per GET or ENUMERATE. At 10,000 records of 100-byte values that is 1.3 MB less than a full copy
/// (docs/performance.md, "Memory (shipped build)").</para>
/// <para>Writes never rewrite the whole file: SET writes one record, in place or appended; DELETE moves the records
/// after the deleted one up by one slot and truncates, keeping insertion order as the reference daemon does. Every
/// record is written whole and zero-padded. After each write the modification time is set to a value later than the
/// one read, so that another writer's change in the same clock tick still shows in the identity.</para>
/// <para>Not thread-safe: the daemon serves one request at a time, the CLI one command.</para>
/// </remarks>
internal sealed partial class KvpPoolFile : IDisposable
{
    /// <summary>Records read or moved per system call: 25 records = 64,000 bytes, so memory stays flat with file size.</summary>
    private const int BatchRecords = 25;

    /// <summary>How many times one operation follows a pool file that is being replaced or deleted under it.</summary>
    private const int MaxReopenAttempts = 8;

    /// <summary>The longest pause between two lock attempts: short against the deadline, long enough not to spin.</summary>
    private static readonly TimeSpan MaxLockBackOff = TimeSpan.FromMilliseconds(50);

    private readonly KvpDialect _dialect;
    private readonly UnixFileMode _createMode;
    private readonly ILogger _logger;
    private readonly bool _readOnly;
    private readonly bool _trustRoot;
    private readonly List<KvpText> _keys = [];
    private readonly Dictionary<KvpText, int> _firstIndexOfKey = new(KvpTextComparer.Instance);

    /// <summary>The same index, looked up by a received message's bytes: a request for a stored key copies nothing.</summary>
    private readonly Dictionary<KvpText, int>.AlternateLookup<ReadOnlySpan<byte>> _firstIndexOfKeyBytes;

    /// <summary>One record's bytes, reused by every read and single-record write (the class is not thread-safe).</summary>
    private readonly byte[] _record = new byte[KvpRecord.Size];
    private SafeFileHandle? _handle;
    private FileIdentity _heldFile;
    private FileIdentity? _loadedIdentity;

    /// <param name="pool">The pool number, for logs.</param>
    /// <param name="path">The pool file.</param>
    /// <param name="dialect">The OS's calls.</param>
    /// <param name="createMode">The mode of a file this creates.</param>
    /// <param name="logger">Where file events go.</param>
    /// <param name="readOnly">Open read-only and take shared locks: for readers without write permission (the file
    /// is 0644 on Linux). A read-only pool file never creates the file and refuses writes.</param>
    /// <param name="trustRoot">Also accept files owned by root, not only by this process's user: for hvkvp, which
    /// reads and writes the daemon's files.</param>
    public KvpPoolFile(byte pool, string path, KvpDialect dialect, UnixFileMode createMode, ILogger logger, bool readOnly = false, bool trustRoot = false)
    {
        Pool = pool;
        Path = path;
        _dialect = dialect;
        _createMode = createMode;
        _logger = logger;
        _readOnly = readOnly;
        _trustRoot = trustRoot;
        _firstIndexOfKeyBytes = _firstIndexOfKey.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>
    /// The longest one operation waits for locks another process holds: 2 s, well inside the FreeBSD kernel's 5 s for a
    /// reply and the Linux kernel's 30 s (docs/protocol.md QUIRK-29).
    /// </summary>
    public static TimeSpan DefaultLockTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one operation waits for the pool's locks; <see cref="DefaultLockTimeout"/> unless a test sets it.</summary>
    public TimeSpan LockTimeout { get; set; } = DefaultLockTimeout;

    public byte Pool { get; }

    public string Path { get; }

    /// <summary>Opens the file, creating it if needed; never truncates. Later operations reopen it as needed.</summary>
    public void Open() => EnsureHandle();

    /// <summary>The number of whole records in the file.</summary>
    public int Count(CancellationToken cancellationToken = default) =>
        Locked(write: false, 0, static (self, _) => self._keys.Count, cancellationToken);

    /// <summary>The value of the first record with <paramref name="key"/> (duplicates: the first wins).</summary>
    public bool TryGet(KvpText key, out KvpText value, CancellationToken cancellationToken = default)
    {
        var found = TryGet(key.Bytes, out var bytes, cancellationToken);
        value = found ? KvpText.Copy(bytes) : KvpText.Empty;
        return found;
    }

    /// <summary>
    /// <see cref="TryGet(KvpText, out KvpText, CancellationToken)"/> without copies: <paramref name="value"/> is a view
    /// of this pool file's record buffer, valid until its next operation and never to be passed back into this file.
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value, CancellationToken cancellationToken = default)
    {
        var length = Locked(
            write: false,
            key,
            static (self, key) => self._firstIndexOfKeyBytes.TryGetValue(key, out var index) ? self.ReadValue(index) : -1,
            cancellationToken);
        value = length < 0 ? default : _record.AsSpan(KvpRecord.KeySize, length);
        return length >= 0;
    }

    /// <summary>The record at <paramref name="index"/> in file order, or null past the end.</summary>
    public KvpRecord? GetAt(uint index, CancellationToken cancellationToken = default) =>
        TryGetAt(index, out var key, out var value, cancellationToken) ? new KvpRecord(KvpText.Copy(key), KvpText.Copy(value)) : null;

    /// <summary>
    /// <see cref="GetAt"/> without copies: <paramref name="key"/> and <paramref name="value"/> are views of this pool
    /// file's record buffer, valid until its next operation and never to be passed back into this file.
    /// </summary>
    public bool TryGetAt(uint index, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value, CancellationToken cancellationToken = default)
    {
        var found = Locked(write: false, index, static (self, index) => index < (uint)self._keys.Count && self.ReadSlot((int)index), cancellationToken);
        key = found ? KvpText.TextOfField(_record.AsSpan(0, KvpRecord.KeySize)) : default;
        value = found ? KvpText.TextOfField(_record.AsSpan(KvpRecord.KeySize, KvpRecord.ValueSize)) : default;
        return found;
    }

    /// <summary>Every record, in file order.</summary>
    public IReadOnlyList<KvpRecord> ReadAll(CancellationToken cancellationToken = default) => Locked(write: false, 0, static (self, _) =>
    {
        var records = new KvpRecord[self._keys.Count];
        for (var i = 0; i < records.Length; i++)
        {
            self.ReadSlot(i);
            records[i] = KvpRecord.Read(self._record);
        }

        return records;
    }, cancellationToken);

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/>: the first record with that key is rewritten in
    /// place, or a record is appended.
    /// </summary>
    /// <returns>True when a record was added, false when one was modified.</returns>
    public bool Set(KvpText key, KvpText value, CancellationToken cancellationToken = default) =>
        Set(key.Bytes, value.Bytes, cancellationToken);

    /// <inheritdoc cref="Set(KvpText, KvpText, CancellationToken)"/>
    public bool Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, CancellationToken cancellationToken = default)
    {
        KvpRecord.Validate(key, value);
        RequireWritable();
        return Locked(write: true, new KeyAndValue(key, value), static (self, item) => self.SetLocked(item.Key, item.Value), cancellationToken);
    }

    /// <summary>Deletes the first record with <paramref name="key"/>.</summary>
    /// <returns>False when no record has that key.</returns>
    public bool Delete(KvpText key, CancellationToken cancellationToken = default) => Delete(key.Bytes, cancellationToken);

    /// <inheritdoc cref="Delete(KvpText, CancellationToken)"/>
    public bool Delete(ReadOnlySpan<byte> key, CancellationToken cancellationToken = default) =>
        RequireWritable() && Locked(write: true, key, static (self, key) => self.DeleteLocked(key), cancellationToken);

    public void Dispose()
    {
        _handle?.Dispose();
        _handle = null;
    }

    /// <summary>
    /// Runs <paramref name="operation"/> under the pool's locks with the in-memory records matching the file. Any
    /// exception leaves the in-memory copy marked stale, so the next operation reads the file again.
    /// </summary>
    /// <exception cref="PoolLockTimeoutException">Another process held a lock past <see cref="LockTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> ended a wait (SIGTERM).</exception>
    /// <remarks>
    /// The operation is a static lambda and its arguments travel in <paramref name="state"/>, which may be a span: a
    /// capturing lambda would allocate a closure and a delegate on every request (docs/performance.md, "Memory: a
    /// request path without garbage").
    /// </remarks>
    private TResult Locked<TState, TResult>(bool write, TState state, Func<KvpPoolFile, TState, TResult> operation, CancellationToken cancellationToken)
        where TState : allows ref struct
    {
        var waited = new LockWait(LockTimeout, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var handle = EnsureHandle();
            var flock = write && _dialect.FlockSeparateFromRecordLocks;
            if (flock)
            {
                Acquire(in waited, handle, writers: true, exclusive: true);
            }

            try
            {
                // Writes need the write lock; reads the shared one, which no reader can block (class remarks).
                Acquire(in waited, handle, writers: false, exclusive: write);
                try
                {
                    if (IsCurrent(attempt, out var identity))
                    {
                        RefreshIfChanged(handle, identity);
                        var result = operation(this, state);
                        if (write)
                        {
                            _loadedIdentity = Stamp(handle, identity);
                        }

                        return result;
                    }
                }
                catch
                {
                    _loadedIdentity = null;
                    throw;
                }
                finally
                {
                    _dialect.UnlockRecords(handle);
                }
            }
            finally
            {
                if (flock)
                {
                    _dialect.UnlockWriters(handle);
                }
            }

            // The path no longer names the file we hold: drop it and open what is there now (or create it).
            CloseHandle();
        }
    }

    /// <summary>
    /// Tries the writers' flock (<paramref name="writers"/>) or the fcntl lock until it succeeds, pausing 1, 2, 4 ... up
    /// to 50 ms between attempts, for at most the time left in <paramref name="wait"/>. The pauses wait on the
    /// cancellation token, so SIGTERM ends them.
    /// </summary>
    private void Acquire(in LockWait wait, SafeFileHandle handle, bool writers, bool exclusive)
    {
        var pause = TimeSpan.FromMilliseconds(1);
        while (!(writers ? _dialect.TryLockWriters(handle) : _dialect.TryLockRecords(handle, exclusive)))
        {
            var lockName = writers ? "flock" : "fcntl";
            var left = wait.Remaining;
            if (left <= TimeSpan.Zero)
            {
                throw new PoolLockTimeoutException(
                    $"pool {Pool} file {Path} is locked by another process ({lockName}); gave up after " +
                    $"{wait.Timeout.TotalSeconds:0.#} s (a process holding flock or fcntl locks on it stalls every writer)");
            }

            var sleep = pause < left ? pause : left;
            if (wait.CancellationToken.WaitHandle.WaitOne(sleep))
            {
                wait.CancellationToken.ThrowIfCancellationRequested();
            }

            pause = pause * 2 < MaxLockBackOff ? pause * 2 : MaxLockBackOff;
        }
    }

    /// <summary>
    /// Whether the held descriptor is still the file at <see cref="Path"/>. One stat(2) per operation: when the path
    /// names the inode we hold, its metadata is that of our file.
    /// </summary>
    /// <param name="attempt">How many times this operation has looked.</param>
    /// <param name="current">The identity of the held file now.</param>
    private bool IsCurrent(int attempt, out FileIdentity current)
    {
        var atPath = _dialect.StatPath(Path);
        if (atPath is { } identity && identity.IsSameFile(_heldFile))
        {
            current = identity;
            return true;
        }

        current = default;

        if (attempt >= MaxReopenAttempts)
        {
            throw new IOException($"{Path} keeps being replaced or removed; gave up after {attempt} attempts.");
        }

        if (atPath is null)
        {
            Log.PoolFileVanished(_logger, Pool, Path);
        }
        else
        {
            Log.PoolFileReplaced(_logger, Pool, Path);
        }

        return false;
    }

    private SafeFileHandle EnsureHandle()
    {
        if (_handle is { IsInvalid: false, IsClosed: false } handle)
        {
            return handle;
        }

        SafeFileHandle opened;
        var created = false;
        try
        {
            opened = _readOnly ? _dialect.OpenReadOnly(Path) : _dialect.OpenOrCreate(Path, _createMode, out created);
        }
        catch (IOException exception) when (_dialect.IsSymbolicLinkRefusal(exception))
        {
            throw Refuse("it is a symbolic link");
        }

        var facts = _dialect.FactsOf(opened);
        if (RefusalOf(facts) is { } problem)
        {
            opened.Dispose();
            throw Refuse(problem);
        }

        _handle = opened;
        _heldFile = _dialect.StatHandle(_handle);
        _loadedIdentity = null;
        if (created)
        {
            Log.PoolFileCreated(_logger, Pool, Path);
        }

        return _handle;
    }

    /// <summary>
    /// Why an open pool file is not to be used, or null. A hard link would let a SET write into, and DELETE truncate,
    /// whatever file another user linked there; another owner means someone else controls the content.
    /// </summary>
    private string? RefusalOf(FileFacts facts)
    {
        if (facts.Type != FileFacts.RegularFile)
        {
            return $"it is {facts.Describe()}";
        }

        if (facts.Links != 1)
        {
            return $"it has {facts.Links} hard links";
        }

        var user = _dialect.EffectiveUserId;
        return facts.Owner == user || (_trustRoot && facts.Owner == 0)
            ? null
            : $"it is owned by user {facts.Owner}, not {(_trustRoot && user != 0 ? $"{user} or root" : user.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
    }

    private PoolFileRefusedException Refuse(string problem)
    {
        Log.PoolFileRefused(_logger, Pool, Path, problem);
        return new PoolFileRefusedException($"refused pool {Pool} file {Path}: {problem}; nothing was read from or written to it");
    }

    private bool RequireWritable() => !_readOnly
        ? true
        : throw new InvalidOperationException($"{Path} was opened read-only.");

    private void CloseHandle()
    {
        _handle?.Dispose();
        _handle = null;
        _loadedIdentity = null;
    }

    private void RefreshIfChanged(SafeFileHandle handle, FileIdentity identity)
    {
        if (identity == _loadedIdentity)
        {
            return;
        }

        _loadedIdentity = null;
        _keys.Clear();
        var buffer = ArrayPool<byte>.Shared.Rent(BatchRecords * KvpRecord.Size);
        try
        {
            ReadKeys(handle, buffer.AsSpan(0, BatchRecords * KvpRecord.Size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        RebuildKeyIndex();
        _loadedIdentity = identity;
        Log.PoolReloaded(_logger, Pool, _keys.Count);
    }

    /// <summary>Reads every whole record's key, a batch at a time through <paramref name="buffer"/>.</summary>
    private void ReadKeys(SafeFileHandle handle, Span<byte> buffer)
    {
        long offset = 0;
        while (true)
        {
            var read = ReadFully(handle, buffer, offset);
            var whole = read / KvpRecord.Size;
            for (var i = 0; i < whole; i++)
            {
                _keys.Add(KvpText.FromField(buffer.Slice(i * KvpRecord.Size, KvpRecord.KeySize)));
            }

            offset += whole * KvpRecord.Size;
            if (read < buffer.Length)
            {
                var partial = read - (whole * KvpRecord.Size);
                if (partial > 0)
                {
                    // Ignored, never destroyed here: an append may be in flight (cloud-init holds only flock).
                    Log.PartialTrailingRecord(_logger, Pool, Path, partial);
                }

                break;
            }
        }
    }

    private static int ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private void RebuildKeyIndex()
    {
        _firstIndexOfKey.Clear();
        for (var i = 0; i < _keys.Count; i++)
        {
            _firstIndexOfKey.TryAdd(_keys[i], i);
        }
    }

    private static long SlotOffset(int slot) => (long)slot * KvpRecord.Size;

    /// <summary>
    /// Reads the record in <paramref name="slot"/> from the file into the record buffer; returns true. Only under the
    /// lock, with the index current: then the slot holds a whole record whose key is the indexed one.
    /// </summary>
    private bool ReadSlot(int slot)
    {
        ReadExactly(_record, SlotOffset(slot));
        return true;
    }

    /// <summary>
    /// Reads the value field of the record in <paramref name="slot"/> into the record buffer (same conditions as
    /// <see cref="ReadSlot"/>); returns the length of its text.
    /// </summary>
    private int ReadValue(int slot)
    {
        var field = _record.AsSpan(KvpRecord.KeySize, KvpRecord.ValueSize);
        ReadExactly(field, SlotOffset(slot) + KvpRecord.KeySize);
        return KvpText.TextOfField(field).Length;
    }

    /// <summary><see cref="Set(ReadOnlySpan{byte}, ReadOnlySpan{byte}, CancellationToken)"/> under the locks.</summary>
    private bool SetLocked(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (_firstIndexOfKeyBytes.TryGetValue(key, out var index))
        {
            WriteRecord(index, key, value);
            return false;
        }

        // Appending at the end of the whole records also overwrites a partial trailing record: we hold both locks,
        // so no other writer is in the middle of it (docs/protocol.md section 7 recommendation 4).
        index = _keys.Count;
        WriteRecord(index, key, value);
        TruncateAfter(index + 1);

        // The one copy a request keeps: a new key, which the index holds from now on.
        var stored = KvpText.Copy(key);
        _keys.Add(stored);
        _firstIndexOfKey.Add(stored, index);
        return true;
    }

    /// <summary><see cref="Delete(ReadOnlySpan{byte}, CancellationToken)"/> under the locks.</summary>
    private bool DeleteLocked(ReadOnlySpan<byte> key)
    {
        if (!_firstIndexOfKeyBytes.TryGetValue(key, out var index))
        {
            return false;
        }

        // The records after it move up one slot, a batch at a time, as bytes: they are whole records already. The
        // batch buffer is rented, not allocated: 64,000 bytes of garbage per DELETE would each be a fresh GC page.
        var following = _keys.Count - index - 1;
        var batch = ArrayPool<byte>.Shared.Rent(BatchRecords * KvpRecord.Size);
        try
        {
            for (var start = 0; start < following; start += BatchRecords)
            {
                var bytes = batch.AsSpan(0, Math.Min(BatchRecords, following - start) * KvpRecord.Size);
                ReadExactly(bytes, SlotOffset(index + 1 + start));
                RandomAccess.Write(_handle!, bytes, SlotOffset(index + start));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
        }

        TruncateAfter(_keys.Count - 1);
        _keys.RemoveAt(index);
        RebuildKeyIndex();
        return true;
    }

    private void ReadExactly(Span<byte> buffer, long offset)
    {
        var read = ReadFully(_handle!, buffer, offset);
        if (read < buffer.Length)
        {
            // The file is shorter than the index says: it changed without its identity changing. Reload next time.
            throw new IOException($"{Path} ended at byte {offset + read}, inside record {offset / KvpRecord.Size}, which the index holds.");
        }
    }

    /// <summary>Writes the record of <paramref name="key"/> and <paramref name="value"/> whole into slot <paramref name="slot"/>.</summary>
    private void WriteRecord(int slot, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        // Write clears the record buffer before copying: a view that TryGet handed out must not come back in here.
        Debug.Assert(!key.Overlaps(_record) && !value.Overlaps(_record), "a view of this pool file's record buffer was passed back in");
        KvpRecord.Write(_record, key, value);
        RandomAccess.Write(_handle!, _record, SlotOffset(slot));
    }

    private void TruncateAfter(int records)
    {
        var length = (long)records * KvpRecord.Size;
        if (RandomAccess.GetLength(_handle!) != length)
        {
            RandomAccess.SetLength(_handle!, length);
        }
    }

    /// <summary>
    /// Gives the file a modification time later than the one it had, then returns its identity. Kernels keep file
    /// times at clock-tick granularity; without this, an in-place rewrite by another writer within the same tick
    /// would leave size and times unchanged and go unnoticed.
    /// </summary>
    private FileIdentity Stamp(SafeFileHandle handle, FileIdentity before)
    {
        var now = DateTime.UtcNow;
        var later = before.ModifiedUtc.AddTicks(1);
        File.SetLastWriteTimeUtc(handle, now > later ? now : later);
        return _dialect.StatHandle(handle);
    }

    /// <summary>A SET's key and value, passed to <see cref="Locked"/> as its state.</summary>
    private readonly ref struct KeyAndValue(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        public ReadOnlySpan<byte> Key { get; } = key;

        public ReadOnlySpan<byte> Value { get; } = value;
    }
}
