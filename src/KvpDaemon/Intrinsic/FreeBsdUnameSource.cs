// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace KvpDaemon.Intrinsic;

/// <summary>
/// uname(3) on FreeBSD through <c>__xuname(SYS_NMLN, buf)</c>, which is what the C header's inline <c>uname()</c>
/// calls (see <c>Interop.Libc.FreeBsd.XUname</c> for why the exported <c>uname</c> symbol is not used).
/// </summary>
[SupportedOSPlatform("freebsd")]
internal sealed class FreeBsdUnameSource : IUnameSource
{
    private const int FieldSize = Interop.Libc.FreeBsd.SYS_NMLN;

    public UnameInfo GetUname()
    {
        Span<byte> buffer = stackalloc byte[FieldSize * Interop.Libc.FreeBsd.UtsnameFieldCount];
        buffer.Clear();
        if (Interop.Libc.FreeBsd.XUname(FieldSize, buffer) != 0)
        {
            throw Interop.Libc.CreateIOException(Marshal.GetLastPInvokeError(), "__xuname");
        }

        return new UnameInfo(
            SysName: Field(buffer, 0),
            NodeName: Field(buffer, 1),
            Release: Field(buffer, 2),
            Version: Field(buffer, 3),
            Machine: Field(buffer, 4));
    }

    private static string Field(ReadOnlySpan<byte> buffer, int index)
    {
        var field = buffer.Slice(index * FieldSize, FieldSize);
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }
}
