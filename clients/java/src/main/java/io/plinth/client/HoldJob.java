package io.plinth.client;

/**
 * The work a {@link Holds#run(HoldRequest, HoldJob) hold pays for}.
 *
 * @param <T> what the job produces
 * @param <E> what it may throw (inferred; {@code RuntimeException} when it throws nothing checked)
 */
@FunctionalInterface
public interface HoldJob<T, E extends Exception> {

    /**
     * Does the work. Returning means it succeeded and the hold is captured; throwing means it failed
     * and the hold is released.
     *
     * @param hold the pending hold that reserves the credits
     */
    T run(Hold hold) throws E;
}
