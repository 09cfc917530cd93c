package io.plinth.auth.account;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(19 * 1024, 2, 1);

    @Test
    void hashIsArgon2idWithTheConfiguredCostAndVerifies() {
        String hash = hasher.hashNow("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        StepVerifier.create(hasher.verifyOrBurn("correct horse battery staple", hash)).expectNext(true).verifyComplete();
        StepVerifier.create(hasher.verifyOrBurn("wrong horse battery staple", hash)).expectNext(false).verifyComplete();
    }

    @Test
    void missingAccountStillAnswersFalse() {
        StepVerifier.create(hasher.verifyOrBurn("anything at all", null)).expectNext(false).verifyComplete();
    }
}
