package io.plinth.devstack;

/** Where a component's process is in its life. */
public enum ComponentState {
    /** Not running, and nobody asked for it (never started, or stopped on request). */
    STOPPED,
    /** Launched, waiting for its health check. */
    STARTING,
    /** Passed its health check. */
    RUNNING,
    /** Asked to stop, waiting for the process to exit. */
    STOPPING,
    /** Died without being asked to: a crash, an OOM, a kill from outside. */
    EXITED,
    /** Never became healthy: exited during start-up or timed out. */
    FAILED
}
