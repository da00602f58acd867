using System.Text;

namespace ProcessBatching.Integration.Tests.Operations;

/// <summary>
/// The few fields of an OTLP span the specs look at, read from an <c>ExportTraceServiceRequest</c>
/// with a minimal protobuf wire reader (resource_spans 1 → scope_spans 2 → spans 2; in a span
/// trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6).
/// </summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind)
{
    public const int ServerKind = 2;

    public static IEnumerable<OtlpSpan> ReadExport(byte[] export) =>
        from resourceSpans in Fields(export, 1)
        from scopeSpans in Fields(resourceSpans, 2)
        from span in Fields(scopeSpans, 2)
        select Read(span);

    private static OtlpSpan Read(ReadOnlyMemory<byte> span)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = 0;
        foreach (var (number, value, bytes) in AllFields(span))
        {
            switch (number)
            {
                case 1: traceId = Convert.ToHexStringLower(bytes.Span); break;
                case 2: spanId = Convert.ToHexStringLower(bytes.Span); break;
                case 4: parentSpanId = Convert.ToHexStringLower(bytes.Span); break;
                case 5: name = Encoding.UTF8.GetString(bytes.Span); break;
                case 6: kind = (int)value; break;
            }
        }

        return new OtlpSpan(traceId, spanId, parentSpanId, name, kind);
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int field) =>
        AllFields(message).Where(f => f.Number == field).Select(f => f.Bytes);

    /// <summary>Every field: its number, a varint's value, or a length-delimited field's bytes.</summary>
    private static IEnumerable<(int Number, ulong Value, ReadOnlyMemory<byte> Bytes)> AllFields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            var number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    yield return (number, Varint(message.Span, ref position), ReadOnlyMemory<byte>.Empty);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return (number, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected protobuf wire type in field {number}");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
