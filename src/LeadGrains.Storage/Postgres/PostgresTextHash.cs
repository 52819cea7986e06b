using System.Buffers.Binary;
using System.Numerics;

namespace LeadGrains.Storage.Postgres;

/// <summary>
/// PostgreSQL's hash of a text value, bit for bit: <c>hashtext</c> and <c>hashtextextended</c>
/// for a deterministic collation, which hash the value's bytes in the database's encoding with
/// Bob Jenkins' lookup3 (as PostgreSQL 11 onward builds it on a little-endian server). The
/// server computes the events' <c>lead_key</c> with it instead of having PostgreSQL evaluate a
/// generated column per row; <see cref="EventLeadKey.VerifyAsync"/> checks at start-up that the
/// database computes the same values.
/// </summary>
public static class PostgresTextHash
{
    private const uint Initial = 0x9e3779b9 + 3923095;

    /// <summary><c>hashtext</c>: the 32-bit hash, as PostgreSQL's <c>int4</c> result.</summary>
    public static int Hash(ReadOnlySpan<byte> bytes)
    {
        var (_, c) = Run(bytes, 0);
        return unchecked((int)c);
    }

    /// <summary><c>hashtextextended(value, seed)</c>: the 64-bit hash, as PostgreSQL's <c>int8</c> result.</summary>
    public static long HashExtended(ReadOnlySpan<byte> bytes, long seed)
    {
        var (b, c) = Run(bytes, unchecked((ulong)seed));
        return unchecked((long)(((ulong)b << 32) | c));
    }

    // The 32-bit hash is the 64-bit one without a seed, less its upper word.
    private static (uint B, uint C) Run(ReadOnlySpan<byte> k, ulong seed)
    {
        uint a, b, c;
        a = b = c = Initial + (uint)k.Length;
        if (seed != 0)
        {
            // The seed counts as one more 12-byte block, its last four bytes zero.
            a += (uint)(seed >> 32);
            b += (uint)seed;
            Mix(ref a, ref b, ref c);
        }
        while (k.Length >= 12)
        {
            a += BinaryPrimitives.ReadUInt32LittleEndian(k);
            b += BinaryPrimitives.ReadUInt32LittleEndian(k[4..]);
            c += BinaryPrimitives.ReadUInt32LittleEndian(k[8..]);
            Mix(ref a, ref b, ref c);
            k = k[12..];
        }
        // The last 0-11 bytes, little-endian into a, b and c; c's lowest byte stays out of it
        // (lookup3 kept it for the length).
        for (var i = 0; i < k.Length; i++)
        {
            var shift = 8 * (i % 4);
            switch (i / 4)
            {
                case 0: a += (uint)k[i] << shift; break;
                case 1: b += (uint)k[i] << shift; break;
                default: c += (uint)k[i] << (shift + 8); break;
            }
        }
        Final(ref a, ref b, ref c);
        return (b, c);
    }

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= BitOperations.RotateLeft(c, 4); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 6); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 8); b += a;
        a -= c; a ^= BitOperations.RotateLeft(c, 16); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 19); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= BitOperations.RotateLeft(b, 14);
        a ^= c; a -= BitOperations.RotateLeft(c, 11);
        b ^= a; b -= BitOperations.RotateLeft(a, 25);
        c ^= b; c -= BitOperations.RotateLeft(b, 16);
        a ^= c; a -= BitOperations.RotateLeft(c, 4);
        b ^= a; b -= BitOperations.RotateLeft(a, 14);
        c ^= b; c -= BitOperations.RotateLeft(b, 24);
    }
}
