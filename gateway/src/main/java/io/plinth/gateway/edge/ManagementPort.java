package io.plinth.gateway.edge;

import java.net.InetSocketAddress;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.server.ServerWebExchange;

/**
 * The port actuator listens on ({@code MANAGEMENT_SERVER_PORT}), learnt when that server starts. The
 * gateway's WebFilters also run there; the edge token check and rate limits leave its requests alone,
 * because the port is never routed from outside (Kubernetes probes and the Prometheus scrape use it).
 */
public class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    /** True for a request that arrived on the separate management port (never when actuator shares the API port). */
    public boolean isManagementRequest(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return port > 0 && local != null && local.getPort() == port;
    }
}
