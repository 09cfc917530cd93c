package io.plinth.integration.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant integration registry: read (credentials masked), change (checked, encrypted, audited, all in one
 * transaction) and connection tests. Every method is scoped to one tenant; nothing crosses tenants.
 */
@Service
public class IntegrationRegistry {

    private static final Logger log = LoggerFactory.getLogger(IntegrationRegistry.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };

    /** Test connection asked of an integration with nothing stored. */
    public static final class NotConfigured extends RuntimeException {
        NotConfigured(IntegrationKey key) {
            super(key.id() + " is not configured for this tenant: PUT its credentials first.", null, false, false);
        }
    }

    private final IntegrationStore store;
    private final CredentialCipher cipher;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Map<IntegrationKey, ConnectionProbe> probes;

    IntegrationRegistry(IntegrationStore store, CredentialCipher cipher, TransactionalOperator tx, Clock clock,
            List<ConnectionProbe> probes) {
        this.store = store;
        this.cipher = cipher;
        this.tx = tx;
        this.clock = clock;
        this.probes = probes.stream().collect(Collectors.toMap(ConnectionProbe::integration, Function.identity()));
    }

    /** Every integration, configured or not, in a fixed order. */
    public Mono<List<IntegrationView>> list(String tenantId) {
        return store.findAll(tenantId).collectMap(IntegrationRow::key)
                .map(rows -> Arrays.stream(IntegrationKey.values())
                        .map(k -> rows.containsKey(k) ? view(rows.get(k)) : unconfigured(k)).toList());
    }

    public Mono<IntegrationView> get(String tenantId, IntegrationKey key) {
        return store.find(tenantId, key).map(this::view).defaultIfEmpty(unconfigured(key));
    }

    /**
     * Applies {@code body} (see {@link IntegrationChange}) by {@code actor}. Fails with {@link IntegrationChange.Invalid}
     * having written nothing; a change that changes nothing writes nothing.
     */
    public Mono<IntegrationView> put(String tenantId, String actor, IntegrationKey key, Map<String, Object> body) {
        Mono<IntegrationView> work = store.lock(tenantId, key).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(existing -> {
                    IntegrationChange change = IntegrationChange.parse(key, body, existing.isPresent());
                    Instant now = clock.instant();
                    Map<String, String> before = existing.flatMap(this::openQuietly).orElse(null);
                    Map<String, Object> settingsBefore = existing.map(r -> settings(r.settingsJson())).orElse(Map.of());
                    boolean enabled = change.enabled() != null ? change.enabled() : existing.map(IntegrationRow::enabled).orElse(false);
                    Map<String, Object> settings = change.settings() != null ? change.settings() : settingsBefore;
                    Map<String, Object> changes = existing.isEmpty()
                            ? created(enabled, change.credentials(), settings)
                            : changes(existing.get(), before, enabled, change.credentials(), settingsBefore, settings);
                    if (changes.isEmpty()) {
                        return Mono.just(view(existing.get()));
                    }
                    CredentialCipher.Sealed sealed = changes.containsKey("credentials") || existing.isEmpty()
                            ? cipher.seal(tenantId, key, JSON.writeValueAsBytes(change.credentials()))
                            : existing.get().credentials();
                    String action = existing.isEmpty() ? "created" : "updated";
                    return store.upsert(tenantId, key, enabled, sealed, JSON.writeValueAsString(settings), now)
                            .flatMap(row -> store.audit(tenantId, key, actor, action, JSON.writeValueAsString(changes), now)
                                    .thenReturn(row))
                            .doOnNext(row -> log.info("integration {} {} for tenant {} by {}: {}", key, action, tenantId,
                                    actor, changes.keySet()))
                            .map(this::view);
                });
        return tx.transactional(work);
    }

    /**
     * Calls the provider with the stored credentials and keeps the result as the last test. Never fails for a
     * provider's answer or silence; fails with {@link NotConfigured} when there is nothing to test.
     */
    public Mono<TestResult> test(String tenantId, IntegrationKey key) {
        return store.find(tenantId, key).switchIfEmpty(Mono.error(() -> new NotConfigured(key))).flatMap(row -> {
            ConnectionProbe probe = probes.get(key);
            if (probe == null) {
                return Mono.just(new TestResult(false, 0, "No connection test for " + key + " yet; nothing was called."));
            }
            Optional<Map<String, String>> credentials = openQuietly(row);
            Mono<TestResult> result = credentials.isEmpty()
                    ? Mono.just(new TestResult(false, 0, "The stored credentials do not open with the configured keys;"
                            + " PUT them again."))
                    : probe.check(credentials.get());
            return result.flatMap(r -> store.recordTest(tenantId, key, r, clock.instant()).thenReturn(r));
        });
    }

    /** What a provider call needs: the tenant's credentials, opened, and its settings. Never leaves the service. */
    public record Usable(Map<String, String> credentials, Map<String, Object> settings) {
    }

    /** The integration is configured but cannot be used: disabled, or its credentials do not open. */
    public static final class NotUsable extends RuntimeException {
        NotUsable(IntegrationKey key, String why) {
            super(key.id() + " " + why, null, false, false);
        }
    }

    /**
     * The tenant's integration for a provider call: fails with {@link NotConfigured} when nothing is stored and with
     * {@link NotUsable} when it is disabled or its credentials do not open, before any provider is called.
     */
    public Mono<Usable> usable(String tenantId, IntegrationKey key) {
        return store.find(tenantId, key).switchIfEmpty(Mono.error(() -> new NotConfigured(key))).map(row -> {
            if (!row.enabled()) {
                throw new NotUsable(key, "is disabled for this tenant: PUT {\"enabled\": true} first.");
            }
            return new Usable(openQuietly(row).orElseThrow(() -> new NotUsable(key,
                    "credentials do not open with the configured keys: PUT them again.")), settings(row.settingsJson()));
        });
    }

    private IntegrationView view(IntegrationRow row) {
        Optional<Map<String, String>> credentials = openQuietly(row);
        Map<String, String> masked = new LinkedHashMap<>();
        credentials.ifPresent(c -> c.forEach((field, value) -> masked.put(field, IntegrationView.mask(value))));
        IntegrationView.LastTest lastTest = row.lastTestedAt() == null ? null : new IntegrationView.LastTest(
                Boolean.TRUE.equals(row.lastTestOk()), row.lastTestLatencyMs() == null ? 0 : row.lastTestLatencyMs(),
                row.lastTestMessage(), row.lastTestedAt());
        return new IntegrationView(row.key().id(), true, row.enabled(), masked, credentials.isPresent(),
                settings(row.settingsJson()), lastTest, row.createdAt(), row.updatedAt());
    }

    private static IntegrationView unconfigured(IntegrationKey key) {
        return new IntegrationView(key.id(), false, false, Map.of(), true, Map.of(), null, null, null);
    }

    /** The stored credentials, or empty (logged, without any of the data) when they do not open. */
    private Optional<Map<String, String>> openQuietly(IntegrationRow row) {
        try {
            byte[] plain = cipher.open(row.tenantId(), row.key(), row.credentials());
            return Optional.of(JSON.readValue(new String(plain, StandardCharsets.UTF_8), STRINGS));
        } catch (CredentialCipher.Unreadable e) {
            log.warn("credentials of {} for tenant {} {}", row.key(), row.tenantId(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Map<String, Object> settings(String json) {
        return json == null ? Map.of() : JSON.readValue(json, OBJECT);
    }

    private static Map<String, Object> created(boolean enabled, Map<String, String> credentials, Map<String, Object> settings) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("enabled", enabled);
        changes.put("credentials", List.copyOf(credentials.keySet()));
        changes.put("settings", settings);
        return changes;
    }

    /** What differs: enabled and settings as from/to, credentials as the names of the fields that changed. */
    private static Map<String, Object> changes(IntegrationRow row, Map<String, String> before, boolean enabled,
            Map<String, String> credentials, Map<String, Object> settingsBefore, Map<String, Object> settings) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (row.enabled() != enabled) {
            changes.put("enabled", fromTo(row.enabled(), enabled));
        }
        if (credentials != null) {
            List<String> changed = new ArrayList<>();
            credentials.forEach((field, value) -> {
                if (before == null || !value.equals(before.get(field))) {
                    changed.add(field);
                }
            });
            if (!changed.isEmpty()) {
                changes.put("credentials", changed);
            }
        }
        Map<String, Object> settingChanges = new LinkedHashMap<>();
        settingsBefore.forEach((name, old) -> {
            if (!Objects.equals(old, settings.get(name))) {
                settingChanges.put(name, fromTo(old, settings.get(name)));
            }
        });
        settings.forEach((name, value) -> {
            if (!settingsBefore.containsKey(name)) {
                settingChanges.put(name, fromTo(null, value));
            }
        });
        if (!settingChanges.isEmpty()) {
            changes.put("settings", settingChanges);
        }
        return changes;
    }

    private static Map<String, Object> fromTo(Object from, Object to) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        return m;
    }
}
