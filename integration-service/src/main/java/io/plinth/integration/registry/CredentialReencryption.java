package io.plinth.integration.registry;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Moves credentials sealed with an older key to the active key: open with the old key, seal with the active one
 * (fresh nonce), update only if the row still has the old key id, audit it. Keys come from configuration, so a
 * rotation is a restart with the new key added and made active: the job runs once every start, in batches, each in
 * its own transaction with {@code for update skip locked}, so several instances starting together share the work.
 * When no row is left under the old key id, the old key can be removed from configuration.
 */
@Component
class CredentialReencryption {

    static final String ACTOR = "system:re-encryption";
    private static final Logger log = LoggerFactory.getLogger(CredentialReencryption.class);
    private static final int BATCH = 100;

    private final IntegrationStore store;
    private final CredentialCipher cipher;
    private final TransactionalOperator tx;
    private final Clock clock;

    CredentialReencryption(IntegrationStore store, CredentialCipher cipher, TransactionalOperator tx, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.tx = tx;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        run().subscribe(n -> {
            if (n > 0) {
                log.info("re-encrypted the credentials of {} integrations with key '{}'", n, cipher.activeKeyId());
            }
        }, e -> log.error("credential re-encryption failed; it runs again at the next start", e));
    }

    /** Re-encrypts every row it can; emits how many it moved. */
    Mono<Integer> run() {
        return batch().expand(b -> b.moved() > 0 && b.selected() == BATCH ? batch() : Mono.empty())
                .reduce(0, (sum, b) -> sum + b.moved());
    }

    private record Batch(int selected, int moved) {
    }

    private Mono<Batch> batch() {
        return tx.transactional(store.lockSealedWithOtherKeys(cipher.activeKeyId(), cipher.keyIds(), BATCH)
                .concatMap(row -> {
                    byte[] plain;
                    try {
                        plain = cipher.open(row.tenantId(), row.key(), row.credentials());
                    } catch (CredentialCipher.Unreadable e) {
                        log.warn("cannot re-encrypt {} of tenant {}: credentials {}", row.key(), row.tenantId(), e.getMessage());
                        return Mono.just(0);
                    }
                    String from = row.credentials().keyId();
                    CredentialCipher.Sealed sealed = cipher.seal(row.tenantId(), row.key(), plain);
                    return store.reseal(row.tenantId(), row.key(), from, sealed).flatMap(moved -> moved
                            ? store.audit(row.tenantId(), row.key(), ACTOR, "re-encrypted",
                                    "{\"credentialsKeyId\":{\"from\":\"" + from + "\",\"to\":\"" + sealed.keyId() + "\"}}",
                                    clock.instant()).thenReturn(1)
                            : Mono.just(0));
                })
                .collectList()
                .map(moved -> new Batch(moved.size(), moved.stream().mapToInt(Integer::intValue).sum())));
    }
}
