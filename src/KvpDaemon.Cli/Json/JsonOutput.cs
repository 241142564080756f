// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KvpDaemon.Cli.Json;

/// <summary>Writes one JSON document per line: compact, so that watch output is JSON Lines and jq reads any of it.</summary>
internal static class JsonOutput
{
    /// <summary>
    /// Non-ASCII text stays readable (only quotes, backslashes and control characters are escaped); the output goes to
    /// terminals and parsers, never into HTML.
    /// </summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static void WriteLine<T>(TextWriter output, T value, JsonTypeInfo<T> typeInfo)
    {
        output.WriteLine(Serialize(value, typeInfo));
    }

    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
