package io.plinth.integration.webhook.api;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The request body as the exact bytes that arrived (a signature covers bytes, not a re-encoded string), read
 * without a codec and bounded: at most {@code max} bytes are held, and of an oversized body only the first
 * {@code keep} are returned, so it can still be logged, truncated. A declared {@code Content-Length} over the limit is refused
 * before a byte is read. It takes the body and its declared length rather than the request, so it knows buffers, not HTTP.
 */
final class RawBody {

    /** What was read; {@code tooLarge} with only the first bytes kept. */
    record Read(byte[] bytes, long size, boolean tooLarge) {
    }

    private RawBody() {
    }

    /** @param declared the request's {@code Content-Length}, -1 when it has none */
    static Mono<Read> read(Flux<DataBuffer> body, long declared, long max, int keep) {
        if (declared > max) {
            return Mono.just(new Read(new byte[0], declared, true));
        }
        return body
                .reduceWith(() -> new Accumulator(max, keep), Accumulator::add)
                .map(Accumulator::result);
    }

    private static final class Accumulator {

        private final long max;
        private final int keep;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long size;

        Accumulator(long max, int keep) {
            this.max = max;
            this.keep = keep;
        }

        Accumulator add(DataBuffer buffer) {
            try {
                int n = buffer.readableByteCount();
                // Everything up to the limit is kept (so at most `max` bytes are ever held); the rest is only counted.
                int room = (int) Math.min(n, Math.max(0, max - bytes.size()));
                if (room > 0) {
                    byte[] chunk = new byte[room];
                    buffer.read(chunk);
                    bytes.writeBytes(chunk);
                }
                size += n;
                return this;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }

        Read result() {
            byte[] read = bytes.toByteArray();
            return size > max ? new Read(Arrays.copyOf(read, Math.min(read.length, keep)), size, true)
                    : new Read(read, size, false);
        }
    }
}
