package io.plinth.credit.ledger;

import java.util.UUID;

/** A user's wallet in one tenant. {@code available} is what can be spent or held. */
public record Wallet(UUID id, String tenantId, String userId, long balance, long held) {

    public long available() {
        return balance - held;
    }

    public boolean inDebt() {
        return balance < 0;
    }
}
