package io.plinth.console.overview;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.plinth.console.platform.ApiProblem;
import io.plinth.console.platform.PlatformApi;
import io.plinth.console.session.Operator;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.netflix.eureka.EurekaServiceInstance;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The console's front page: what the registry says of each service (instances and their status, from the
 * console's own Eureka client — the same view the gateway routes by), each service's outbox backlog (from the
 * service itself, through the gateway), rejected webhooks in the last hour and payments since midnight UTC (from
 * the admin APIs). A figure the platform cannot give right now shows as
 * unavailable; the page itself never fails for it.
 */
@Controller
class OverviewController {

    static final List<String> SERVICES = List.of("gateway", "auth-service", "credit-service", "payment-service",
            "video-service", "integration-service", "console");
    /** Counted up to this many; the page says "100 or more" beyond. */
    static final int COUNT_LIMIT = 100;

    /** Every service built on libs/platform-service keeps an outbox and reports it (ADR 0008). */
    static final List<String> WITH_OUTBOX = List.of("auth-service", "credit-service", "payment-service",
            "video-service", "integration-service");

    /**
     * @param versions what the instances run (Eureka metadata {@code version}), distinct, "—" when none says
     * @param outbox   null for a service without one
     */
    record Service(String name, int instances, int up, String status, String versions, OutboxBacklog outbox) {
    }

    /** {@code GET /api/v1/admin/services/{service}/outbox}, the part shown. */
    record OutboxAnswer(long unpublished, long oldestAgeSeconds) {
    }

    record Count(Long value, boolean atLeast, String unavailable) {
        static Count of(List<?> items, String next) {
            return new Count((long) items.size(), next != null, null);
        }
    }

    record EventPage(List<Map<String, Object>> items, String nextCursor) {
    }

    record PaymentPage(List<Map<String, Object>> items, String nextCursor) {
    }

    private final ReactiveDiscoveryClient registry;
    private final PlatformApi api;

    OverviewController(ReactiveDiscoveryClient registry, PlatformApi api) {
        this.registry = registry;
        this.api = api;
    }

    @GetMapping({"/console", "/console/"})
    Mono<Rendering> overview(Operator operator) {
        Mono<Map<String, OutboxBacklog>> outboxes = Flux.fromIterable(WITH_OUTBOX)
                .flatMap(name -> outbox(operator, name).map(backlog -> Map.entry(name, backlog)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        Mono<List<Service>> services = outboxes.flatMap(backlogs -> Flux.fromIterable(SERVICES)
                .concatMap(name -> registry.getInstances(name).collectList()
                        .map(instances -> service(name, instances, backlogs.get(name))))
                .collectList());
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Mono<Count> rejectedWebhooks = api.get(operator.accessToken(), u -> u.path("/api/v1/admin/webhook-events")
                        .queryParam("status", "rejected").queryParam("since", "{since}").queryParam("limit", COUNT_LIMIT)
                        .build(hourAgo.toString()), EventPage.class)
                .map(page -> Count.of(page.items(), page.nextCursor()))
                .onErrorResume(ApiProblem.class, p -> Mono.just(new Count(null, false, p.title())));
        Instant midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        Mono<Count> paymentsToday = api.get(operator.accessToken(), u -> u.path("/api/v1/admin/payments")
                        .queryParam("limit", COUNT_LIMIT).build(), PaymentPage.class)
                .map(page -> {
                    List<Map<String, Object>> today = page.items().stream()
                            .filter(p -> p.get("createdAt") != null && !Instant.parse(p.get("createdAt").toString()).isBefore(midnight))
                            .toList();
                    // Newest first: the page ran past midnight, so the count is complete, unless all of it is today.
                    return Count.of(today, today.size() == page.items().size() ? page.nextCursor() : null);
                })
                .onErrorResume(ApiProblem.class, p -> Mono.just(new Count(null, false, p.title())));
        return Mono.zip(services, rejectedWebhooks, paymentsToday)
                .map(all -> Rendering.view("overview")
                        .modelAttribute("services", all.getT1())
                        .modelAttribute("rejectedWebhooks", all.getT2())
                        .modelAttribute("paymentsToday", all.getT3())
                        .modelAttribute("hourAgo", hourAgo.toString())
                        .build());
    }

    /** Each service answers for its own outbox, through the gateway; one that cannot is "unknown", never an error page. */
    private Mono<OutboxBacklog> outbox(Operator operator, String service) {
        return api.get(operator.accessToken(), u -> u.path("/api/v1/admin/services/{service}/outbox").build(service),
                        OutboxAnswer.class)
                .map(answer -> OutboxBacklog.of(answer.unpublished(), answer.oldestAgeSeconds()))
                .onErrorResume(e -> Mono.just(OutboxBacklog.unknown(
                        e instanceof ApiProblem problem ? problem.title() : "unreadable answer")));
    }

    private static Service service(String name, List<ServiceInstance> instances, OutboxBacklog outbox) {
        long up = instances.stream().filter(OverviewController::isUp).count();
        String status = instances.isEmpty() ? "not registered" : up == instances.size() ? "UP" : up == 0 ? "DOWN" : "DEGRADED";
        String versions = instances.stream().map(i -> i.getMetadata() == null ? null : i.getMetadata().get("version"))
                .filter(v -> v != null && !v.isBlank()).distinct().sorted().collect(java.util.stream.Collectors.joining(", "));
        return new Service(name, instances.size(), (int) up, status, versions.isEmpty() ? "—" : versions, outbox);
    }

    private static boolean isUp(ServiceInstance instance) {
        if (instance instanceof EurekaServiceInstance eureka) {
            return eureka.getInstanceInfo().getStatus() == com.netflix.appinfo.InstanceInfo.InstanceStatus.UP;
        }
        return true;
    }
}
