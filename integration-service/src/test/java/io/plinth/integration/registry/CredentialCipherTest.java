package io.plinth.integration.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CredentialCipherTest {

    static final String K1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final String K2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] SECRET = "{\"apiKey\":\"SG.very-secret\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealsWithTheActiveKeyAndAFreshNonceEveryTime() {
        CredentialCipher cipher = CredentialCipher.fromConfiguration("k1:" + K1 + ", k2:" + K2, "k2");

        CredentialCipher.Sealed a = cipher.seal("t-1", IntegrationKey.SENDGRID, SECRET);
        CredentialCipher.Sealed b = cipher.seal("t-1", IntegrationKey.SENDGRID, SECRET);

        assertThat(a.keyId()).isEqualTo("k2");
        assertThat(a.nonce()).hasSize(12).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext()).hasSize(SECRET.length + 16);
        assertThat(new String(a.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("very-secret");
        assertThat(cipher.open("t-1", IntegrationKey.SENDGRID, a)).isEqualTo(SECRET);
    }

    @Test
    void ciphertextIsBoundToItsTenantAndIntegration() {
        CredentialCipher cipher = CredentialCipher.fromConfiguration("k1:" + K1, null);
        CredentialCipher.Sealed sealed = cipher.seal("t-1", IntegrationKey.SENDGRID, SECRET);

        assertThatThrownBy(() -> cipher.open("t-2", IntegrationKey.SENDGRID, sealed)).isInstanceOf(CredentialCipher.Unreadable.class);
        assertThatThrownBy(() -> cipher.open("t-1", IntegrationKey.NOTION, sealed)).isInstanceOf(CredentialCipher.Unreadable.class);
        byte[] tampered = sealed.ciphertext().clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> cipher.open("t-1", IntegrationKey.SENDGRID, new CredentialCipher.Sealed("k1", sealed.nonce(), tampered)))
                .isInstanceOf(CredentialCipher.Unreadable.class);
    }

    @Test
    void aWrongOrMissingKeyRefusesToDecrypt() {
        CredentialCipher.Sealed sealed = CredentialCipher.fromConfiguration("k1:" + K1, null).seal("t-1", IntegrationKey.ZOOM, SECRET);

        assertThatThrownBy(() -> CredentialCipher.fromConfiguration("k1:" + K2, null).open("t-1", IntegrationKey.ZOOM, sealed))
                .isInstanceOf(CredentialCipher.Unreadable.class).hasMessageContaining("wrong key");
        assertThatThrownBy(() -> CredentialCipher.fromConfiguration("k2:" + K2, null).open("t-1", IntegrationKey.ZOOM, sealed))
                .isInstanceOf(CredentialCipher.Unreadable.class).hasMessageContaining("not configured");
    }

    @Test
    void badConfigurationIsRefusedWithAReasonAndNoKeyMaterial() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> CredentialCipher.fromConfiguration(null, null)).hasMessageContaining("PLINTH_INTEGRATION_CREDENTIALS_KEYS");
        assertThatThrownBy(() -> CredentialCipher.fromConfiguration("k1:" + shortKey, null))
                .hasMessageContaining("16 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> CredentialCipher.fromConfiguration("k1:not base64!", null)).hasMessageContaining("not base64");
        assertThatThrownBy(() -> CredentialCipher.fromConfiguration(K1, null)).hasMessageContaining("id:base64key");
        assertThatThrownBy(() -> CredentialCipher.fromConfiguration("k1:" + K1 + ",k2:" + K2, null))
                .hasMessageContaining("PLINTH_INTEGRATION_CREDENTIALS_ACTIVEKEYID");
        assertThatThrownBy(() -> CredentialCipher.fromConfiguration("k1:" + K1, "k9")).hasMessageContaining("'k9'");
        assertThatThrownBy(() -> CredentialCipher.fromConfiguration("k1:" + K1 + ",k1:" + K2, "k1")).hasMessageContaining("twice");
    }

    @Test
    void aMissingOrShortKeyStopsStartUp() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(RegistryConfiguration.class);

        runner.run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("No credential encryption key: set PLINTH_INTEGRATION_CREDENTIALS_KEYS"));
        runner.withPropertyValues("plinth.integration.credentials.keys=k1:" + Base64.getEncoder().encodeToString(new byte[31]))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("integration-service cannot start").hasStackTraceContaining("31 bytes"));
        runner.withPropertyValues("plinth.integration.credentials.keys=k1:" + K1)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(CredentialCipher.class));
    }
}
