using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Ids derived from a batch id and an item's index, so creating or dispatching a batch twice names the
/// same processes.
/// </summary>
public static class ProcessIds
{
    /// <summary>The most processes a batch can name in order: the index takes 30 bits of the id.</summary>
    public const int MaxInOrder = 1 << 30;

    /// <summary>
    /// A batch's process ids in the order of their index (a version 8 UUID): a batch's processes sort as
    /// they were given, and each batch's after the batches created before it. So a batch's rows go into the
    /// end of each index on the process id (the primary key, <c>ix_process_batch_process</c>), one leaf
    /// page after another, where name-based ids went into a random leaf of the whole index each: pages a
    /// checkpoint had written were then logged again whole, and the index descended further as the table
    /// grew (docs/performance.md, round thirteen).
    /// <list type="bullet">
    /// <item>Bytes 0–5: the batch's time, the first 48 bits of a version 7 batch id (what the service
    /// names a batch); of any other batch id, 48 bits of its SHA-1, so batches named by their callers
    /// (0000…0001, 0000…0002) do not share them.</item>
    /// <item>Then the index, 30 bits around the version and variant bits.</item>
    /// <item>Bytes 10–15: 44 bits of the SHA-1 of the batch id and the index, so two batches that share their
    /// first 48 bits still name different processes.</item>
    /// </list>
    /// </summary>
    public static Guid InBatchOrder(Guid batchId, int index)
    {
        if ((uint)index >= MaxInOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"A batch names at most {MaxInOrder} processes in order.");
        }

        Span<byte> batch = stackalloc byte[16];
        batchId.TryWriteBytes(batch, bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Name(batch, index, stackalloc byte[20]), hash);

        Span<byte> id = stackalloc byte[16];
        if (batchId.Version == 7)
        {
            batch[..6].CopyTo(id);
        }
        else
        {
            Span<byte> batchHash = stackalloc byte[20];
            SHA1.HashData(batch, batchHash);
            batchHash[..6].CopyTo(id);
        }

        var i = (uint)index;
        id[6] = (byte)(0x80 | (i >> 26));         // version 8, index bits 29–26
        id[7] = (byte)(i >> 18);                  // index bits 25–18
        id[8] = (byte)(0x80 | ((i >> 12) & 0x3F)); // variant, index bits 17–12
        id[9] = (byte)(i >> 4);                   // index bits 11–4
        id[10] = (byte)(((i & 0x0F) << 4) | (uint)(hash[0] & 0x0F)); // index bits 3–0
        hash[1..6].CopyTo(id[11..]);
        return new Guid(id, bigEndian: true);
    }

    /// <summary>
    /// A name-based (version 5) UUID of the batch id and the index: the ids of the processes of batches
    /// created before <see cref="InBatchOrder"/>, and of commands and reruns, which keep them.
    /// </summary>
    public static Guid For(Guid batchId, int index)
    {
        Span<byte> batch = stackalloc byte[16];
        batchId.TryWriteBytes(batch, bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Name(batch, index, stackalloc byte[20]), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    private static Span<byte> Name(ReadOnlySpan<byte> batch, int index, Span<byte> name)
    {
        batch.CopyTo(name);
        BinaryPrimitives.WriteInt32BigEndian(name[16..], index);
        return name;
    }
}
