using System.Buffers.Binary;
using Google.Protobuf;

namespace MedChain.Grpc.Internal;

/// <summary>gRPC's length-prefixed messages: 1 byte compressed flag, 4 bytes big-endian length, the message.</summary>
internal static class MessageFraming
{
    /// <summary>Serializes <paramref name="message"/> with its prefix; RESOURCE_EXHAUSTED if it exceeds <paramref name="maxSize"/>.</summary>
    public static byte[] Frame(IMessage message, int? maxSize)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({size} > {maxSize} bytes)."));
        }

        var frame = new byte[GrpcProtocol.MessagePrefixSize + size];
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.MessagePrefixSize));
        return frame;
    }

    /// <summary>
    /// Reads the next message's bytes; null at a clean end of stream. A truncated or compressed message
    /// fails with INTERNAL, one longer than <paramref name="maxSize"/> with RESOURCE_EXHAUSTED (before it is read).
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, int? maxSize, CancellationToken cancellationToken)
    {
        var prefix = new byte[GrpcProtocol.MessagePrefixSize];
        var read = await stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < prefix.Length)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Incomplete message: the stream ended inside a message prefix."));
        }

        switch (prefix[0])
        {
            case 0:
                break;
            case 1:
                // No compression is negotiated (grpc-encoding is identity), so a compressed message is a protocol error.
                throw new RpcException(new Status(StatusCode.Internal, "Received a compressed message, but no compression was negotiated."));
            default:
                throw new RpcException(new Status(StatusCode.Internal, $"Invalid message prefix flag {prefix[0]}."));
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1));
        if (length > (uint)(maxSize ?? int.MaxValue))
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size ({length} > {maxSize ?? int.MaxValue} bytes)."));
        }

        var payload = new byte[length];
        read = await stream.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < payload.Length)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Incomplete message: expected {length} bytes, the stream ended after {read}."));
        }

        return payload;
    }

    /// <summary>Parses a message; INTERNAL if the bytes are not a valid message.</summary>
    public static T Parse<T>(MessageParser<T> parser, byte[] payload, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to deserialize {what} message: {ex.Message}"));
        }
    }
}
