// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace KvpDaemon.Cli.Json;

/// <summary>Source-generated serializers for the --json output: no reflection, so the CLI stays trimmable.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(PoolListing))]
[JsonSerializable(typeof(PoolListing[]))]
[JsonSerializable(typeof(KeyValueResult))]
[JsonSerializable(typeof(PoolEvent))]
internal sealed partial class HvkvpJsonContext : JsonSerializerContext;
