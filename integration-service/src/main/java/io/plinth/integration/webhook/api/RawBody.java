package io.plinth.integration.webhook.api;

import java.io.ByteArrayOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * The request body as the exact bytes that arrived (a signature covers bytes, not a re-encoded string), read
 * without a codec and bounded: past {@code max} bytes nothing more is kept but the first {@code keep}, so an
 * oversized body can still be logged, truncated. A declared {@code Content-Length} over the limit is refused
 * before a byte is read.
 */
final class RawBody {

    /** What was read; {@code tooLarge} with only the first bytes kept. */
    record Read(byte[] bytes, long size, boolean tooLarge) {
    }

    private RawBody() {
    }

    static Mono<Read> read(ServerHttpRequest request, long max, int keep) {
        long declared = request.getHeaders().getContentLength();
        if (declared > max) {
            return Mono.just(new Read(new byte[0], declared, true));
        }
        return request.getBody()
                .reduce(new Accumulator(max, keep), Accumulator::add)
                .defaultIfEmpty(new Accumulator(max, keep))
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
                long room = (size + n <= max ? max : keep) - bytes.size();
                if (size + n > max && bytes.size() > keep) {
                    // Just went over the limit: only the first `keep` bytes stay, for the log.
                    byte[] head = java.util.Arrays.copyOf(bytes.toByteArray(), keep);
                    bytes.reset();
                    bytes.writeBytes(head);
                    room = 0;
                }
                if (room > 0) {
                    byte[] chunk = new byte[(int) Math.min(room, n)];
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
            return new Read(bytes.toByteArray(), size, size > max);
        }
    }
}
