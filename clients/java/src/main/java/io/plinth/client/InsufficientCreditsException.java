package io.plinth.client;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** 402 {@code insufficient_credits}: the user's available credits do not cover the call. Nothing was charged. */
public final class InsufficientCreditsException extends PlinthException {

    private final ProblemDetails problem;
    private final long required;
    private final Long balance;

    InsufficientCreditsException(ProblemDetails problem, long required, Long balance) {
        super(problem);
        this.problem = problem;
        this.required = required;
        this.balance = balance;
    }

    /** The same refusal, with the balance the client read after it. */
    InsufficientCreditsException withBalance(long available) {
        InsufficientCreditsException copy = new InsufficientCreditsException(problem, required, available);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** The credits the refused call asked for. */
    public long required() {
        return required;
    }

    /**
     * The user's available credits when the spend was refused: the platform's answer if it states
     * them, else what the client read right after the refusal (empty if that read failed too).
     */
    public OptionalLong balance() {
        return balance == null ? OptionalLong.empty() : OptionalLong.of(balance);
    }

    /**
     * {@code spend}, except that a refusal for insufficient credits carries the user's available
     * balance: the platform's figure if it gave one, else one read with {@code available} right after.
     */
    static <T> CompletableFuture<T> withBalance(CompletableFuture<T> spend, Supplier<CompletableFuture<Long>> available) {
        return spend.exceptionallyCompose(error -> {
            Throwable cause = Transport.unwrap(error);
            if (!(cause instanceof InsufficientCreditsException refused) || refused.balance != null) {
                return CompletableFuture.failedFuture(cause);
            }
            return available.get().handle((balance, unreadable) -> {
                throw balance == null ? refused : refused.withBalance(balance);
            });
        });
    }
}
