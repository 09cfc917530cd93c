package io.plinth.sandbox.controls;

/**
 * What the next {@code remaining} calls to a provider suffer: a wait of {@code latencyMs}, then, when
 * {@code status} is set, that status instead of the real answer.
 */
record Fault(Integer status, int remaining, long latencyMs) {
}
