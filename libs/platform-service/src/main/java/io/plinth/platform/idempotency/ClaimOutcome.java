package io.plinth.platform.idempotency;

import java.util.UUID;

/** What claiming a key found: either this request now owns it, or an earlier request does. */
sealed interface ClaimOutcome {

    /** This request won the key and must execute; {@code claimId} guards the later update. */
    record Claimed(String caller, String key, UUID claimId) implements ClaimOutcome {
    }

    /** Another request holds or held the key. {@code response} is null while it is still running. */
    record Existing(byte[] requestHash, StoredResponse response) implements ClaimOutcome {

        boolean inProgress() {
            return response == null;
        }
    }
}
