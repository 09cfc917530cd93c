package io.plinth.video.generation;

import java.util.EnumSet;
import java.util.Set;

/**
 * A generation job's life. {@code QUEUED → RENDERING} when a worker claims it; {@code RENDERING →
 * COMPLETED} when its video is stored, {@code → QUEUED} when an attempt failed and attempts remain
 * (or its worker vanished: the lease ran out), {@code → FAILED} when none remain. Completed and
 * failed are final. The store's guarded updates follow this table; {@link #canBecome} is the table.
 */
enum JobState {
    QUEUED, RENDERING, COMPLETED, FAILED;

    Set<JobState> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RENDERING, FAILED);
            case RENDERING -> EnumSet.of(RENDERING, QUEUED, COMPLETED, FAILED);
            case COMPLETED, FAILED -> EnumSet.noneOf(JobState.class);
        };
    }

    boolean canBecome(JobState target) {
        return next().contains(target);
    }

    boolean isFinal() {
        return next().isEmpty();
    }

    String wireName() {
        return name().toLowerCase();
    }
}
