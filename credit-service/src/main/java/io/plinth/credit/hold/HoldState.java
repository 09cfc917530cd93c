package io.plinth.credit.hold;

import java.util.Map;
import java.util.Set;

/** A hold's life: reserved (PENDING), then exactly one of captured, released or expired. */
public enum HoldState {
    PENDING, CAPTURED, RELEASED, EXPIRED;

    private static final Map<HoldState, Set<HoldState>> ALLOWED = Map.of(
            PENDING, Set.of(CAPTURED, RELEASED, EXPIRED),
            CAPTURED, Set.of(),
            RELEASED, Set.of(),
            EXPIRED, Set.of());

    public boolean canMoveTo(HoldState next) {
        return ALLOWED.get(this).contains(next);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }
}
