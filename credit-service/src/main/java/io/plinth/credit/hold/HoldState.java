package io.plinth.credit.hold;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A hold's life: reserved (PENDING), then exactly one of captured, released or expired. This table
 * is the rule: {@link HoldStore} moves a hold only from the states {@link #sourcesOf} names, in its
 * guarded UPDATE, and {@code HoldStateIT} checks the SQL against this table for every pair of states.
 */
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

    /** The states a hold may move to {@code target} from. */
    public static Set<HoldState> sourcesOf(HoldState target) {
        Set<HoldState> sources = EnumSet.noneOf(HoldState.class);
        for (HoldState state : values()) {
            if (state.canMoveTo(target)) {
                sources.add(state);
            }
        }
        return sources;
    }
}
