namespace LambdaAnalyzers
{
    /// <summary>
    /// A fixed-length array kept in chunks small enough for the small-object heap. An array over 85,000 bytes
    /// goes to the large-object heap, which is collected only with generation 2: the call-site index of a
    /// 4,000-file project allocated about 2 MB there, as much again as the compiler's whole analysis, and
    /// the analysis with LambdaAnalyzers paid one or two more full collections than without (`gc 2000`).
    /// </summary>
    internal sealed class SmallChunks<T>
    {
        // 2,048 items: 48 KB for the index's 24-byte mentions, the largest item stored.
        private const int ChunkBits = 11;
        private const int ChunkSize = 1 << ChunkBits;
        private const int ChunkMask = ChunkSize - 1;

        private readonly T[][] _chunks;

        public SmallChunks(int length)
        {
            _chunks = new T[(length + ChunkMask) >> ChunkBits][];
            for (var c = 0; c < _chunks.Length; c++)
            {
                _chunks[c] = new T[c < _chunks.Length - 1 ? ChunkSize : length - (c << ChunkBits)];
            }
        }

        public ref T this[int index] => ref _chunks[index >> ChunkBits][index & ChunkMask];
    }
}
