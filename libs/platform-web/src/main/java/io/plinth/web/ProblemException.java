package io.plinth.web;

/**
 * Carries an already decided {@link Problem} through a reactive error signal. No stack trace: it
 * is an answer, not a bug.
 */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
