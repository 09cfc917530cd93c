package io.plinth.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Health contributor {@code kafka}: UP when the cluster answers a describe-cluster call within the
 * timeout, with the cluster id and broker count as details. Deliberately not in the readiness group:
 * while the broker is gone a service keeps answering, its events wait in the outbox and its consumers
 * resume from their committed offsets, so this component informs operators without deciding routing.
 */
public class KafkaHealthIndicator extends AbstractReactiveHealthIndicator implements DisposableBean {

    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private volatile AdminClient admin;

    public KafkaHealthIndicator(Map<String, Object> bootAdminProperties, Duration timeout) {
        super("Kafka health check failed");
        this.adminConfig = new HashMap<>(bootAdminProperties);
        int ms = (int) timeout.toMillis();
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        this.timeout = timeout;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        // Creating the client resolves the bootstrap addresses (blocking DNS), so it happens off the event loop.
        return Mono.fromCallable(this::admin)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(client -> {
                    DescribeClusterResult cluster = client.describeCluster(
                            new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
                    Mono<String> clusterId = Mono.fromCompletionStage(cluster.clusterId().toCompletionStage());
                    Mono<Integer> brokers = Mono.fromCompletionStage(cluster.nodes().toCompletionStage())
                            .map(nodes -> nodes.size());
                    return Mono.zip(clusterId, brokers);
                })
                .timeout(timeout.plusMillis(500))
                .map(t -> builder.up().withDetail("clusterId", t.getT1()).withDetail("brokers", t.getT2()).build());
    }

    private AdminClient admin() {
        AdminClient current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    // Created once and reused: the client reconnects by itself after a broker restart.
                    admin = AdminClient.create(adminConfig);
                }
                current = admin;
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        AdminClient current = admin;
        if (current != null) {
            current.close(Duration.ofSeconds(2));
        }
    }
}
