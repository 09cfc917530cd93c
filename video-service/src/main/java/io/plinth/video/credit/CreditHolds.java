package io.plinth.video.credit;

import io.plinth.platform.security.CurrentUser;
import reactor.core.publisher.Mono;

/**
 * Credit-service's holds as video-service needs them: reserve credits for a job before it is
 * queued. Capture and release travel as events ({@code video.generation-completed|failed}), so a
 * job never needs the user's token again after this call.
 */
public interface CreditHolds {

    /**
     * Places (or, for the same {@code requestKey}, finds again) a hold on the caller's credits.
     * Fails with {@link CreditRefused} when credit-service says no (402, 429) and with
     * {@link CreditsUnavailable} when it cannot answer.
     */
    Mono<PlacedHold> place(CurrentUser user, String requestKey, HoldRequest request);

    /** Gives a hold back when what it was for could not be recorded. Best effort. */
    Mono<Void> release(CurrentUser user, String requestKey, String holdId);

    /** {@code credits} for {@code service}, kept at most {@code expiresInSeconds}. */
    record HoldRequest(long credits, String service, String reference, String description, long expiresInSeconds) {
    }

    record PlacedHold(String holdId, long credits) {
    }
}
