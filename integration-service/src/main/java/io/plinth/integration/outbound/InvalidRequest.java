package io.plinth.integration.outbound;

import java.util.List;

/** A request the domain refuses before anything is stored or any provider is called, naming each bad field. */
public final class InvalidRequest extends RuntimeException {

    /** One bad field: its JSON path as the client sent it, a snake_case code and a sentence. */
    public record Violation(String field, String code, String message) {
    }

    private final List<Violation> violations;

    public InvalidRequest(List<Violation> violations) {
        super("The request has invalid fields: " + violations, null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
