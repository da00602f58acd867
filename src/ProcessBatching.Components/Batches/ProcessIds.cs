using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ProcessBatching.Components.Batches;

/// <summary>
/// Process ids derived from the batch id and the item's index (a name-based, version 5 UUID), so
/// creating or dispatching a batch twice names the same processes.
/// </summary>
public static class ProcessIds
{
    public static Guid For(Guid batchId, int index)
    {
        Span<byte> name = stackalloc byte[20];
        batchId.TryWriteBytes(name, bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(name[16..], index);

        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
