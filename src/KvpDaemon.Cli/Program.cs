// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

return 0;
