package io.plinth.credit.hold;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.credit.support.IntegrationTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The guarded UPDATEs of HoldStore move a hold exactly when HoldState's table allows it, for every pair. */
class HoldStateIT extends IntegrationTestBase {

    @Autowired
    HoldStore store;

    @Test
    void theStoresTransitionsAgreeWithTheStateMachineForEveryPairOfStates() {
        String user = newUser();
        grant(user, 1);
        UUID wallet = (UUID) queryRow("SELECT id FROM account WHERE tenant_id = ? AND user_id = ?", TENANT, user)
                .get("id");
        Instant now = clock.instant();
        try {
            for (HoldState from : HoldState.values()) {
                for (HoldState to : HoldState.values()) {
                    UUID id = holdIn(from, user, wallet, now.plus(Duration.ofMinutes(5)));

                    boolean moved = store.moveTo(id, to, 1, now).blockOptional().isPresent();

                    assertThat(moved).as("%s -> %s", from, to).isEqualTo(from.canMoveTo(to));
                    HoldState after = store.find(id).block().state();
                    assertThat(after).as("state after %s -> %s", from, to).isEqualTo(moved ? to : from);
                }
            }
        } finally {
            // These rows reserve nothing on the wallet: leave no pending one for the ledger audit to flag.
            execute("DELETE FROM hold WHERE user_id = ?", user);
        }
    }

    /** A hold row in any state, written directly (the transitions under test are the only way there otherwise). */
    private UUID holdIn(HoldState state, String user, UUID wallet, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO hold (id, request_id, tenant_id, user_id, wallet_id, amount, captured, state, service, "
                        + "expires_at, created_at, placed_by) VALUES (?, ?, ?, ?, ?, 1, 0, ?, 'test', ?, ?, ?)",
                id, "state-test:" + id, TENANT, user, wallet, state.name(),
                java.sql.Timestamp.from(expiresAt), java.sql.Timestamp.from(clock.instant()), "user:" + user);
        return id;
    }
}
