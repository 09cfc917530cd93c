package io.plinth.auth.keys;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** auth-service must not start with a key-encryption key anyone can read in the source. */
class KeyEncryptionKeyTest {

    private static final String DEVELOPMENT_KEY = "cGxpbnRoLWRldnN0YWNrLW9ubHktbm90LXNlY3JldCE=";

    @Test
    void anEmptyKeyIsRefusedWithoutTheDevelopmentFlag() {
        assertThatThrownBy(() -> KeysConfiguration.resolveKeyEncryptionKey("", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PLINTH_AUTH_KEY_ENCRYPTION_KEY")
                .hasMessageContaining("PLINTH_AUTH_ALLOW_DEVELOPMENT_KEY");
        assertThatThrownBy(() -> KeysConfiguration.resolveKeyEncryptionKey(null, false))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theKnownDevelopmentKeyIsRefusedWithoutTheDevelopmentFlagEvenWhenSetExplicitly() {
        assertThatThrownBy(() -> KeysConfiguration.resolveKeyEncryptionKey(DEVELOPMENT_KEY, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("development key");
    }

    @Test
    void theDevelopmentFlagAllowsTheDevelopmentKey() {
        assertThat(KeysConfiguration.resolveKeyEncryptionKey("", true)).isNotNull();
        assertThat(KeysConfiguration.resolveKeyEncryptionKey(DEVELOPMENT_KEY, true)).isNotNull();
    }

    @Test
    void aRealKeyIsUsedWithOrWithoutTheFlag() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String base64 = Base64.getEncoder().encodeToString(key);
        KeyEncryptor encryptor = KeysConfiguration.resolveKeyEncryptionKey(base64, false);
        assertThat(encryptor.decrypt(encryptor.encrypt("private", "kid-1"), "kid-1")).isEqualTo("private");
        assertThatThrownBy(() -> KeyEncryptor.fromBase64(DEVELOPMENT_KEY).decrypt(encryptor.encrypt("x", "k"), "k"))
                .isInstanceOf(IllegalStateException.class);
    }
}
