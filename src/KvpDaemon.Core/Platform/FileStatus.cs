// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Platform;

/// <summary>
/// What one stat call says about a file, in the two forms the callers compare: its type, links, owner and mode, and its
/// identity. Each dialect fills it from its own structure (Linux <c>struct statx</c>, FreeBSD <c>struct stat</c>).
/// </summary>
internal readonly record struct FileStatus(FileFacts Facts, FileIdentity Identity);
