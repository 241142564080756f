// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// The state of a static <see cref="CheckIo{TState}"/> call that fills a structure (fstat): the descriptor and
        /// where the result goes. A lambda capturing both would allocate a closure with a copy of the structure on each
        /// call, and the pool store stats its file after every write (docs/performance.md, "Memory").
        /// </summary>
        public readonly ref struct DescriptorCall<TResult>(int fd, ref TResult result)
            where TResult : struct
        {
            private readonly ref TResult _result = ref result;

            public int Fd { get; } = fd;

            public ref TResult Result => ref _result;
        }
    }
}
