package io.plinth.events;

import java.security.SecureRandom;
import java.util.Base64;

import io.plinth.events.user.MailTokenSeal;
import io.plinth.events.user.UserEmailVerificationRequested;
import io.plinth.events.user.UserPasswordResetRequested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailTokenSealTest {

    private final MailTokenSeal mailer = new MailTokenSeal(randomKey());

    @Test
    void theMailerOpensWhatAuthSealed() {
        String sealed = mailer.seal("pr_secret", UserPasswordResetRequested.TYPE, "u-1");
        assertThat(sealed).doesNotContain("pr_secret");
        assertThat(mailer.open(sealed, UserPasswordResetRequested.TYPE, "u-1")).isEqualTo("pr_secret");
    }

    @Test
    void anotherKeyAnotherUserOrAnotherEventTypeCannotOpenIt() {
        String sealed = mailer.seal("pr_secret", UserPasswordResetRequested.TYPE, "u-1");
        assertThatThrownBy(() -> new MailTokenSeal(randomKey()).open(sealed, UserPasswordResetRequested.TYPE, "u-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailer.open(sealed, UserPasswordResetRequested.TYPE, "u-2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailer.open(sealed, UserEmailVerificationRequested.TYPE, "u-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachSealIsFresh() {
        assertThat(mailer.seal("t", "x", "u")).isNotEqualTo(mailer.seal("t", "x", "u"));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void theDevelopmentKeyIsAnAes256Key() {
        assertThat(Base64.getDecoder().decode(MailTokenSeal.DEVELOPMENT_KEY)).hasSize(32);
    }
}
