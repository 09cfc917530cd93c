package io.plinth.auth.keys;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.plinth.auth.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The signing keys, held in memory and backed by PostgreSQL (private halves encrypted). The newest key
 * signs; superseded keys verify until their tokens have expired. Loaded before the web server starts
 * (lifecycle phase 0), re-read every minute so every replica follows a rotation made by another, and
 * rotated when the signer is older than {@code plinth.auth.key-rotation-interval} or on demand.
 */
@Component
public class KeyRing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    private static final Duration SKEW = Duration.ofMinutes(1);

    private record State(RSAKey signer, JWKSet published) {
    }

    private final SigningKeyRepository repository;
    private final KeyEncryptor encryptor;
    private final TransactionalOperator tx;
    private final AuthProperties props;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>();
    private volatile boolean running;

    KeyRing(SigningKeyRepository repository, KeyEncryptor encryptor, TransactionalOperator tx, AuthProperties props,
            Clock clock) {
        this.repository = repository;
        this.encryptor = encryptor;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
    }

    /** Signs the claims with the current key, {@code kid} in the header. */
    public String sign(JWTClaimsSet claims) {
        RSAKey key = current().signer();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing with " + key.getKeyID() + " failed", e);
        }
    }

    /** The public keys that verify tokens (the JWKS document). */
    public JWKSet publicKeys() {
        return current().published();
    }

    /** For this service's own resource server: verify against the in-memory keys, no HTTP round trip. */
    public Function<SignedJWT, Flux<JWK>> verificationKeys() {
        return jwt -> Flux.fromIterable(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())).select(publicKeys()));
    }

    public String currentKid() {
        return current().signer().getKeyID();
    }

    /** Makes a new signing key now; the previous ones keep verifying until their tokens expire. */
    public Mono<String> rotate() {
        return rotate(true, false);
    }

    /**
     * A suspected leak: makes a new signing key and retires every other key at once, so the JWKS stops
     * publishing them now and every token they signed stops verifying here now. Other replicas follow at
     * their next key check, verifiers at their next JWKS fetch (both about a minute). Everyone signed in
     * must log in or refresh again: that is the price of not trusting a leaked key for another 16 minutes.
     */
    public Mono<String> rotateEmergency() {
        return rotate(true, true);
    }

    private Mono<String> rotate(boolean force) {
        return rotate(force, false);
    }

    private Mono<String> rotate(boolean force, boolean retireOthersNow) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Mono<String> work = repository.lockRotation()
                    .thenMany(repository.all()).collectList()
                    .flatMap(rows -> {
                        List<KeySchedule.KeyTimes> times = rows.stream().map(SigningKeyRepository.Row::times).toList();
                        if (!force && !KeySchedule.rotationDue(times, now, props.keyRotationInterval())) {
                            return Mono.just(KeySchedule.signer(times).orElseThrow().kid());
                        }
                        RSAKey key = generate();
                        return repository.insert(key.getKeyID(), encryptor.encrypt(key.toJSONString(), key.getKeyID()),
                                        key.toPublicJWK().toJSONString(), now)
                                .then(retireOthersNow
                                        ? repository.retireAllExcept(key.getKeyID(), now)
                                        : repository.supersedeAllExcept(key.getKeyID(), now,
                                                KeySchedule.retireAt(now, props.longestTokenTtl(), SKEW)))
                                .thenReturn(key.getKeyID());
                    });
            return tx.transactional(work).flatMap(kid -> reload().thenReturn(kid));
        });
    }

    /** Re-reads the keys from the database. */
    public Mono<Void> reload() {
        return repository.all().collectList().doOnNext(rows -> {
            Instant now = clock.instant();
            List<KeySchedule.KeyTimes> times = rows.stream().map(SigningKeyRepository.Row::times).toList();
            Map<String, SigningKeyRepository.Row> byKid = rows.stream()
                    .collect(Collectors.toMap(SigningKeyRepository.Row::kid, r -> r));
            KeySchedule.signer(times).ifPresent(signer -> {
                SigningKeyRepository.Row row = byKid.get(signer.kid());
                List<JWK> published = new ArrayList<>();
                for (KeySchedule.KeyTimes t : KeySchedule.verifiers(times, now)) {
                    published.add(parse(byKid.get(t.kid()).publicJwk()));
                }
                RSAKey signingKey = (RSAKey) parse(encryptor.decrypt(row.privateJwkEnc(), row.kid()));
                state.set(new State(signingKey, new JWKSet(published)));
            });
        }).then();
    }

    /** Follows rotations made by other replicas, and rotates on schedule. */
    @Scheduled(initialDelayString = "${plinth.auth.key-check-interval:PT1M}",
            fixedDelayString = "${plinth.auth.key-check-interval:PT1M}")
    void scheduledCheck() {
        rotate(false).subscribe(kid -> { }, e -> log.warn("Scheduled key check failed: {}", e.toString()));
    }

    @Override
    public void start() {
        // Start-up: the service must not answer before it can sign and verify.
        String kid = rotate(false).block(Duration.ofSeconds(30));
        running = true;
        log.info("Signing key {} active; {} key(s) published", kid, publicKeys().getKeys().size());
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    private State current() {
        State s = state.get();
        if (s == null) {
            throw new IllegalStateException("The key ring is not loaded yet");
        }
        return s;
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored key is not a JWK", e);
        }
    }
}
