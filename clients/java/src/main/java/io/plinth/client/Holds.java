package io.plinth.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Two-phase spends of a {@link UserSession}'s credits ({@code /api/v1/credits/holds}): reserve
 * credits before a job, then capture them (all or part) when it succeeded or release them when it
 * failed. A hold nobody settles expires and gives its credits back.
 *
 * <p>{@link #run(HoldRequest, HoldJob)} does all three in the right order, so an app can neither
 * charge for work it did not do nor do work it did not charge for:
 * <pre>{@code
 * Video video = session.holds().run(HoldRequest.of(10, "video-generation"), hold -> render(prompt));
 * }</pre>
 */
public final class Holds {

    private final UserSession session;

    Holds(UserSession session) {
        this.session = session;
    }

    /** Reserves {@code credits} for {@code service} with the platform's default expiry. */
    public Hold reserve(long credits, String service) {
        return reserve(HoldRequest.of(credits, service));
    }

    /**
     * Reserves credits ({@code POST /api/v1/credits/holds}): the available balance drops at once,
     * the balance only when the hold is captured.
     *
     * @throws InsufficientCreditsException not enough available credits
     * @throws DailyLimitReachedException   the tier's daily limit for a metered service is used up
     */
    public Hold reserve(HoldRequest request) {
        return Futures.await(reserveAsync(request));
    }

    /** {@link #reserve(HoldRequest)}, without blocking. */
    public CompletableFuture<Hold> reserveAsync(HoldRequest request) {
        Checks.notNull(request, "request");
        Map<String, Object> body = PlinthClient.body("credits", request.credits(), "service", request.service(),
                "reference", request.reference(), "description", request.description(),
                "expiresInSeconds", request.expiresIn() == null ? null : request.expiresIn().toSeconds());
        Call call = Call.post("/api/v1/credits/holds", body, Call.Retry.SAFE)
                .idempotencyKey(IdempotencyKeys.orGenerate(request.idempotencyKey())).requiring(request.credits());
        return session.withBalance(session.send(call, Hold.class));
    }

    /** A hold of this user ({@code GET /api/v1/credits/holds/{id}}); another user's is a {@link NotFoundException}. */
    public Hold get(String holdId) {
        return Futures.await(getAsync(holdId));
    }

    /** {@link #get(String)}, without blocking. */
    public CompletableFuture<Hold> getAsync(String holdId) {
        return session.send(Call.get(path(holdId, "")), Hold.class);
    }

    /**
     * Charges all the held credits. Settling is idempotent: capturing a captured hold again answers
     * it as it is.
     *
     * @throws ConflictException {@code hold_already_settled} (released) or {@code hold_expired}
     */
    public Hold capture(String holdId) {
        return Futures.await(captureAsync(holdId, null));
    }

    /** Charges {@code credits} of the hold (zero or more, at most what it holds) and gives the rest back. */
    public Hold capture(String holdId, long credits) {
        return Futures.await(captureAsync(holdId, credits));
    }

    /**
     * {@link #capture(String, long)}, without blocking.
     *
     * @param credits how many to charge, or null for all of them
     */
    public CompletableFuture<Hold> captureAsync(String holdId, Long credits) {
        if (credits != null && credits < 0) {
            throw new IllegalArgumentException("credits to capture must not be negative, was " + credits);
        }
        Call call = Call.post(path(holdId, "/capture"), PlinthClient.body("credits", credits), Call.Retry.SAFE)
                .idempotencyKey(IdempotencyKeys.generate());
        return session.send(call, Hold.class);
    }

    /**
     * Gives all the held credits back. Idempotent like capture.
     *
     * @throws ConflictException {@code hold_already_settled} (captured) or {@code hold_expired}
     */
    public Hold release(String holdId) {
        return Futures.await(releaseAsync(holdId));
    }

    /** {@link #release(String)}, without blocking. */
    public CompletableFuture<Hold> releaseAsync(String holdId) {
        Call call = Call.post(path(holdId, "/release"), null, Call.Retry.SAFE).idempotencyKey(IdempotencyKeys.generate());
        return session.send(call, Hold.class);
    }

    /** {@link #run(HoldRequest, HoldJob)} for {@code credits} of {@code service}. */
    public <T, E extends Exception> T run(long credits, String service, HoldJob<T, E> job) throws E {
        return run(HoldRequest.of(credits, service), job);
    }

    /**
     * Reserves the credits, runs {@code job}, then captures them all if it returned or releases
     * them if it threw — and rethrows what it threw (a failed release is added to it as suppressed;
     * the hold then expires on its own). The job does not run if the credits cannot be reserved.
     * If the capture fails after the job succeeded, that failure is thrown and the user is not
     * charged (the hold expires unless you capture it yourself).
     *
     * @return what the job returned
     * @throws E what the job threw
     */
    public <T, E extends Exception> T run(HoldRequest request, HoldJob<T, E> job) throws E {
        Checks.notNull(job, "job");
        Hold hold = reserve(request);
        T result;
        try {
            result = job.run(hold);
        } catch (Throwable failure) {
            try {
                release(hold.holdId());
            } catch (RuntimeException releaseFailed) {
                failure.addSuppressed(releaseFailed);
            }
            throw failure;
        }
        capture(hold.holdId());
        return result;
    }

    /**
     * {@link #run(HoldRequest, HoldJob)} for asynchronous jobs: the hold is captured when the job's
     * stage completes normally and released when it completes exceptionally (or the job throws).
     */
    public <T> CompletableFuture<T> runAsync(HoldRequest request, Function<Hold, ? extends CompletionStage<T>> job) {
        Checks.notNull(job, "job");
        return reserveAsync(request).thenCompose(hold -> {
            CompletionStage<T> work;
            try {
                work = job.apply(hold);
            } catch (RuntimeException | Error thrown) {
                work = CompletableFuture.failedFuture(thrown);
            }
            return work.handle((result, failure) -> failure == null
                    ? captureAsync(hold.holdId(), null).thenApply(captured -> result)
                    : releaseAsync(hold.holdId()).<T>handle((released, releaseFailed) -> {
                        Throwable cause = Transport.unwrap(failure);
                        if (releaseFailed != null) {
                            cause.addSuppressed(Transport.unwrap(releaseFailed));
                        }
                        throw new CompletionException(cause);
                    }))
                    .thenCompose(Function.identity());
        });
    }

    private static String path(String holdId, String action) {
        Checks.notBlank(holdId, "holdId");
        return "/api/v1/credits/holds/" + Call.encode(holdId) + action;
    }
}
