package io.plinth.test.diagnostics;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.concurrent.TimeoutException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * When a test fails because something waited out its timeout (a {@code WebTestClient} response, a
 * {@code block(Duration)}, an Awaitility condition), prints every thread's stack to standard error while the
 * JVM is still in the state that made it wait. A hang that happens once in fifty CI runs is otherwise only a
 * line saying how long it waited; with the stacks it says who was holding what.
 *
 * <p>Registered for every test JVM that has platform-test on its class path
 * ({@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}).
 */
public final class ThreadDumpOnTimeout implements TestExecutionListener {

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        result.getThrowable().filter(ThreadDumpOnTimeout::isTimeout).ifPresent(timeout -> {
            StringBuilder dump = new StringBuilder(64 * 1024)
                    .append("\n=== Thread dump: ").append(test.getDisplayName()).append(" timed out (")
                    .append(timeout).append(") ===\n");
            for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                append(dump, thread);
            }
            System.err.println(dump.append("=== End of thread dump ===\n"));
        });
    }

    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof TimeoutException || message.contains("Timeout on blocking read")
                    || message.contains("Did not observe any item or terminal signal")
                    || t.getClass().getName().equals("org.awaitility.core.ConditionTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** Like {@link ThreadInfo#toString()}, which stops after eight frames, but with the whole stack. */
    private static void append(StringBuilder out, ThreadInfo thread) {
        out.append('"').append(thread.getThreadName()).append("\" #").append(thread.getThreadId())
                .append(thread.isDaemon() ? " daemon " : " ").append(thread.getThreadState());
        if (thread.getLockName() != null) {
            out.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            out.append(" owned by \"").append(thread.getLockOwnerName()).append("\" #").append(thread.getLockOwnerId());
        }
        out.append('\n');
        StackTraceElement[] stack = thread.getStackTrace();
        for (int i = 0; i < stack.length; i++) {
            out.append("\tat ").append(stack[i]).append('\n');
            for (MonitorInfo monitor : thread.getLockedMonitors()) {
                if (monitor.getLockedStackDepth() == i) {
                    out.append("\t-  locked ").append(monitor).append('\n');
                }
            }
        }
        for (var lock : thread.getLockedSynchronizers()) {
            out.append("\t- holds ").append(lock).append('\n');
        }
        out.append('\n');
    }
}
