// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests;
