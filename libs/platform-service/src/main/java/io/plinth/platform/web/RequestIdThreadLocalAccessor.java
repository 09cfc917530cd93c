package io.plinth.platform.web;

import org.slf4j.MDC;

import io.micrometer.context.ThreadLocalAccessor;
import io.plinth.web.RequestIds;

/**
 * Bridges the Reactor context entry {@link RequestIds#MDC_KEY} to the SLF4J MDC. Registered
 * through {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}, so the global
 * {@code ContextRegistry} knows it before the first request; with
 * {@code spring.reactor.context-propagation=auto} (a platform default) Reactor restores it on
 * whichever thread runs an operator, and every log line of the request carries the id.
 */
public final class RequestIdThreadLocalAccessor implements ThreadLocalAccessor<String> {

    @Override
    public Object key() {
        return RequestIds.MDC_KEY;
    }

    @Override
    public String getValue() {
        return MDC.get(RequestIds.MDC_KEY);
    }

    @Override
    public void setValue(String value) {
        MDC.put(RequestIds.MDC_KEY, value);
    }

    @Override
    public void setValue() {
        MDC.remove(RequestIds.MDC_KEY);
    }
}
