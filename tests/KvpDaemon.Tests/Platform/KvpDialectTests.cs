// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using KvpDaemon.Platform;
using KvpDaemon.Tests.Infrastructure;

namespace KvpDaemon.Tests.Platform;

/// <summary>
/// The dialect's system calls on this machine: the one poll wait both OSes share, stat in both forms against
/// coreutils, the mode decoding, and the SafeHandle parameters refusing a closed handle instead of passing a stale
/// descriptor number.
/// </summary>
public sealed class KvpDialectTests
{
    private readonly KvpDialect _dialect = KvpDialect.ForCurrentOperatingSystem();

    [Fact]
    public void WaitReadable_FileHasData_ReturnsTrue()
    {
        var (fileRead, fileWrite) = _dialect.CreatePipe();
        var (wakeupRead, wakeupWrite) = _dialect.CreatePipe();
        using (fileRead)
        using (fileWrite)
        using (wakeupRead)
        using (wakeupWrite)
        {
            Interop.Libc.Write(fileWrite, "m"u8, offset: null, "test write");

            _dialect.WaitReadable(fileRead, wakeupRead).Should().BeTrue();
        }
    }

    [Fact]
    public void WaitReadable_WakeupHasData_ReturnsFalseEvenWhenTheFileIsReadable()
    {
        var (fileRead, fileWrite) = _dialect.CreatePipe();
        var (wakeupRead, wakeupWrite) = _dialect.CreatePipe();
        using (fileRead)
        using (fileWrite)
        using (wakeupRead)
        using (wakeupWrite)
        {
            Interop.Libc.Write(fileWrite, "m"u8, offset: null, "test write");
            Interop.Libc.Write(wakeupWrite, "!"u8, offset: null, "test write");

            _dialect.WaitReadable(fileRead, wakeupRead).Should().BeFalse("shutdown wins over a pending message");
        }
    }

    [Fact]
    public void WaitReadable_FileHungUp_ThrowsWithThePollEvents()
    {
        // A pipe whose write end is closed reports POLLHUP, as a KVP device that goes away does.
        var (fileRead, fileWrite) = _dialect.CreatePipe();
        var (wakeupRead, wakeupWrite) = _dialect.CreatePipe();
        using (fileRead)
        using (wakeupRead)
        using (wakeupWrite)
        {
            fileWrite.Dispose();

            var wait = () => _dialect.WaitReadable(fileRead, wakeupRead);

            wait.Should().Throw<IOException>().WithMessage("The KVP device reported poll events 0x*");
        }
    }

    [Fact]
    public void WaitReadable_ClosedHandle_ThrowsObjectDisposedWithoutPolling()
    {
        var (fileRead, fileWrite) = _dialect.CreatePipe();
        var (wakeupRead, wakeupWrite) = _dialect.CreatePipe();
        using (fileWrite)
        using (wakeupRead)
        using (wakeupWrite)
        {
            fileRead.Dispose();

            var wait = () => _dialect.WaitReadable(fileRead, wakeupRead);

            wait.Should().Throw<ObjectDisposedException>("the reference is taken before the descriptor number is read");
        }
    }

    [Fact]
    public void LockAndStatCalls_ClosedHandle_ThrowObjectDisposed()
    {
        using var directory = new TempDirectory();
        var handle = _dialect.OpenOrCreate(Path.Combine(directory.Path, "pool"), _dialect.PoolFileMode, out _);
        handle.Dispose();

        // The SafeHandle marshaller takes the handle's reference for the call; a closed handle never reaches libc as
        // a number that another file may have been given since.
        ((Action)(() => _dialect.TryLockWriters(handle))).Should().Throw<ObjectDisposedException>();
        ((Action)(() => _dialect.TryLockRecords(handle, exclusive: true))).Should().Throw<ObjectDisposedException>();
        ((Action)(() => _dialect.FactsOf(handle))).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void OpenOrCreate_ThenAgain_CreatesOnceWithTheModeAndOpensAfterwards()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "pool");

        using (var first = _dialect.OpenOrCreate(path, UnixFileMode.UserRead | UnixFileMode.UserWrite, out var created))
        {
            created.Should().BeTrue();
            _dialect.FactsOf(first).Permissions.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var second = _dialect.OpenOrCreate(path, _dialect.PoolFileMode, out var createdAgain);

        createdAgain.Should().BeFalse();
        _dialect.FactsOf(second).Permissions.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "an existing file keeps its mode");
    }

    [Fact]
    public void OpenReadOnly_Missing_ThrowsWithTheErrnoAndPath()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "missing");

        var open = () => _dialect.OpenReadOnly(path);

        open.Should().Throw<IOException>().WithMessage($"open {path}: *")
            .Which.HResult.Should().Be(Interop.Libc.ENOENT);
    }

    [Theory]
    [InlineData(0x81A4, FileFacts.RegularFile, "a regular file", 0x1A4)] // S_IFREG | 0644
    [InlineData(0x41ED, FileFacts.Directory, "a directory", 0x1ED)] // S_IFDIR | 0755
    [InlineData(0xA1FF, FileFacts.SymbolicLink, "a symbolic link", 0x1FF)] // S_IFLNK | 0777
    [InlineData(0x11A4, 0x1000, "a special file (type 01)", 0x1A4)] // S_IFIFO | 0644
    public void FromMode_SplitsTypeAndPermissions(int mode, int type, string description, int permissions)
    {
        var facts = FileFacts.FromMode(mode, 1, 0);

        facts.Type.Should().Be(type);
        facts.Describe().Should().Be(description);
        ((int)facts.Permissions).Should().Be(permissions);
    }

    [Fact]
    public void FactsOf_RealFile_MatchesLstat()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "file");
        File.WriteAllText(path, string.Empty);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        using var handle = _dialect.OpenReadOnly(path);

        var facts = _dialect.FactsOf(handle);

        facts.Should().Be(_dialect.FactsOfPath(path));
        facts.Should().Be(new FileFacts(FileFacts.RegularFile, 1, _dialect.EffectiveUserId, (UnixFileMode)0x1A0));
        _dialect.FactsOfPath(Path.Combine(directory.Path, "missing")).Should().BeNull();
    }

    [Theory]
    [InlineData(8u, 1u, 0x801ul)]
    [InlineData(0u, 25u, 0x19ul)]
    [InlineData(0x1234u, 0x56789u, 0x100056723489ul)]
    public void Device_MajorAndMinor_EncodeAsGlibcMakedev(uint major, uint minor, ulong device)
    {
        var statx = new Interop.Libc.LinuxStatx { DeviceMajor = major, DeviceMinor = minor };

        statx.Device.Should().Be(device);
    }

    [Fact]
    public void StatPathAndHandle_ThisMachine_AgreeWithCoreutilsStat()
    {
        // The suite runs on Linux (.ci/run), where stat(1) is coreutils' with -c.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "pool");
        File.WriteAllText(path, "twelve bytes");

        var byPath = _dialect.StatPath(path);
        using var handle = File.OpenHandle(path);
        var byHandle = _dialect.StatHandle(handle);

        var fields = Coreutils("stat", "-c", "%d %i %s %Y", path).Split(' ');
        byPath.Should().Be(byHandle);
        byHandle.Device.Should().Be(ulong.Parse(fields[0], CultureInfo.InvariantCulture));
        byHandle.Inode.Should().Be(ulong.Parse(fields[1], CultureInfo.InvariantCulture));
        byHandle.Size.Should().Be(12);
        byHandle.ModifiedSeconds.Should().Be(long.Parse(fields[3], CultureInfo.InvariantCulture));
        _dialect.StatPath(Path.Combine(directory.Path, "missing")).Should().BeNull();
    }

    private static string Coreutils(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(TimeSpan.FromSeconds(30)).Should().BeTrue();
        return output.Trim();
    }
}
