package io.plinth.gateway.problem;

/** Carries a {@link GatewayProblem} through a reactive error signal; no stack trace, it is not a bug. */
public final class GatewayProblemException extends RuntimeException {

    private final transient GatewayProblem problem;

    public GatewayProblemException(GatewayProblem problem) {
        super(problem.code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public GatewayProblem problem() {
        return problem;
    }
}
