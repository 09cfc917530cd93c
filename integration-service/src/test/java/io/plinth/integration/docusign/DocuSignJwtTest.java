package io.plinth.integration.docusign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DocuSignJwtTest {

    static KeyPair pair;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
    }

    @Test
    void theAssertionIsRs256OverDocuSignsClaimsAndVerifiesWithThePublicKey() throws Exception {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        String jwt = DocuSignJwt.assertion("ik-1", "user-1", "account-d.docusign.com", pair.getPrivate(), now);

        String[] parts = jwt.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"iss\":\"ik-1\"", "\"sub\":\"user-1\"", "\"aud\":\"account-d.docusign.com\"",
                "\"iat\":1800000000", "\"exp\":1800003600", "\"scope\":\"signature impersonation\"");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(pair.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void theKeyIsReadFromDocuSignsPkcs1PemAndFromPkcs8() {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        // PKCS#8 of an RSA key: a 26-byte header before the PKCS#1 structure for 2048-bit keys.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);

        assertThat(DocuSignJwt.pkcs8(pkcs1)).isEqualTo(pkcs8);
        assertThat(DocuSignJwt.privateKey(pem("RSA PRIVATE KEY", pkcs1))).isEqualTo(pair.getPrivate());
        assertThat(DocuSignJwt.privateKey(pem("PRIVATE KEY", pkcs8))).isEqualTo(pair.getPrivate());
        assertThatThrownBy(() -> DocuSignJwt.privateKey("not a key")).isInstanceOf(DocuSignJwt.BadKey.class);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
