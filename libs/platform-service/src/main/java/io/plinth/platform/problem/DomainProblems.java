package io.plinth.platform.problem;

import io.plinth.web.Problem;

/**
 * A service's one mapping from its own domain exceptions to problems. Domain code raises plain
 * exceptions that know nothing of HTTP; a bean of this type (one per service) says which status and
 * code each one becomes, and {@link ProblemMapper} asks it before its own rules.
 */
@FunctionalInterface
public interface DomainProblems {

    /** The problem for this exception, or {@code null} when it is not one of this service's. */
    Problem toProblem(Throwable error);
}
