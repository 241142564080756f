// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.IntegrationTests.Infrastructure;

/// <summary>Pool-file bytes built by hand from the spec's record layout (512-byte key + 2048-byte value, NUL-padded).</summary>
internal static class PoolBytes
{
    public static byte[] Records(params (string Key, string Value)[] records)
    {
        var bytes = new byte[records.Length * 2560];
        for (var i = 0; i < records.Length; i++)
        {
            Encoding.UTF8.GetBytes(records[i].Key).CopyTo(bytes, i * 2560);
            Encoding.UTF8.GetBytes(records[i].Value).CopyTo(bytes, (i * 2560) + 512);
        }

        return bytes;
    }
}
