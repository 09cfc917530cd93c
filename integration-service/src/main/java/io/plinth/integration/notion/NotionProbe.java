package io.plinth.integration.notion;

import io.plinth.integration.registry.ConnectionProbe;
import io.plinth.integration.registry.IntegrationKey;
import io.plinth.integration.registry.TestResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Notion's connection test: retrieves each configured database with the token (harmless reads, under the same rate
 * limit as the sync); with no database configured yet, retrieves the integration's own bot user. OK only if every call
 * is answered; otherwise Notion's own reason ({@code message}), or that it did not answer in time.
 */
class NotionProbe implements ConnectionProbe {

    private final NotionClient notion;
    private final Duration timeout;

    NotionProbe(NotionClient notion, Duration timeout) {
        this.notion = notion;
        this.timeout = timeout;
    }

    @Override
    public IntegrationKey integration() {
        return IntegrationKey.NOTION;
    }

    @Override
    public Mono<TestResult> check(Map<String, String> credentials) {
        return check(credentials, Map.of());
    }

    @Override
    public Mono<TestResult> check(Map<String, String> credentials, Map<String, Object> settings) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            String token = credentials.get("token");
            List<String> databases = new ArrayList<>();
            for (String name : List.of("contentDatabaseId", "transactionsDatabaseId")) {
                if (settings.get(name) != null) {
                    databases.add(name + "=" + settings.get(name));
                }
            }
            Mono<String> checks = databases.isEmpty()
                    ? notion.me(token).map(r -> r instanceof NotionResult.Ok ? "" : "token: " + reason(r))
                    : Flux.fromIterable(databases).concatMap(entry -> {
                        String name = entry.substring(0, entry.indexOf('='));
                        return notion.retrieveDatabase(token, entry.substring(entry.indexOf('=') + 1))
                                .map(r -> r instanceof NotionResult.Ok ? "" : name + ": " + reason(r));
                    }).filter(s -> !s.isEmpty()).collectList().map(problems -> String.join("; ", problems));
            return checks.timeout(timeout)
                    .onErrorResume(e -> Mono.just("Notion did not answer within " + timeout.toMillis() + " ms."))
                    .map(problem -> new TestResult(problem.isEmpty(), (System.nanoTime() - started) / 1_000_000,
                            problem.isEmpty() ? (databases.isEmpty() ? "Token accepted; no databases configured yet."
                                    : "Token accepted; " + databases.size() + " database(s) reachable.") : problem));
        });
    }

    private static String reason(NotionResult r) {
        if (r instanceof NotionResult.Refused refused) {
            return refused.reason();
        }
        return ((NotionResult.Retry) r).reason();
    }
}
