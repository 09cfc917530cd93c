package io.plinth.platform.housekeeping;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/** Deletes a large set of rows as a series of small statements, so none holds a long transaction. */
public final class ChunkedDelete {

    private ChunkedDelete() {
    }

    /**
     * Runs {@code deleteChunk} (which deletes at most {@code chunkSize} rows) again while it keeps
     * deleting full chunks.
     *
     * @return how many rows were deleted in all
     */
    public static Mono<Long> untilExhausted(Supplier<Mono<Long>> deleteChunk, int chunkSize) {
        return Mono.defer(deleteChunk)
                .expand(deleted -> deleted == chunkSize ? Mono.defer(deleteChunk) : Mono.empty())
                .reduce(0L, Long::sum);
    }
}
