package io.plinth.integration.registry;

/** What a connection test found: the provider's reason when not ok, never a credential. */
public record TestResult(boolean ok, long latencyMs, String message) {
}
