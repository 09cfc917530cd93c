package io.plinth.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The synchronous methods are their asynchronous twins, awaited. */
final class Futures {

    private Futures() {
    }

    /** Waits, and throws what the call failed with as it is (not wrapped in an ExecutionException). */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PlinthException(ProblemDetails.of(0, "interrupted", "the calling thread was interrupted"), e);
        } catch (ExecutionException e) {
            Throwable cause = Transport.unwrap(e.getCause());
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new PlinthException(ProblemDetails.of(0, "failed", String.valueOf(cause)), cause);
        }
    }
}
