package io.plinth.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static String token(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void readsWhoseTokenItIsItsRolesAndExpiry() {
        Operator operator = AccessTokens.read(token("{\"sub\":\"u-1\",\"roles\":[\"ADMIN\",\"USER\"],\"exp\":1800000000}"))
                .orElseThrow();

        assertThat(operator.userId()).isEqualTo("u-1");
        assertThat(operator.isAdmin()).isTrue();
        assertThat(operator.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(operator.displayName()).isEqualTo("u-1");
    }

    @Test
    void aTokenWithoutTheAdminRoleIsNoAdmin() {
        assertThat(AccessTokens.read(token("{\"sub\":\"u-2\",\"roles\":[\"USER\"],\"exp\":1800000000}")).orElseThrow().isAdmin())
                .isFalse();
        assertThat(AccessTokens.read(token("{\"sub\":\"u-2\",\"exp\":1800000000}")).orElseThrow().isAdmin()).isFalse();
    }

    @Test
    void anythingThatIsNotATokenIsNoSession() {
        assertThat(AccessTokens.read(null)).isEmpty();
        assertThat(AccessTokens.read("")).isEmpty();
        assertThat(AccessTokens.read("not-a-jwt")).isEmpty();
        assertThat(AccessTokens.read("a.%%%.c")).isEmpty();
        assertThat(AccessTokens.read(token("[1,2]"))).isEmpty();
        assertThat(AccessTokens.read(token("{\"roles\":[\"ADMIN\"],\"exp\":1800000000}"))).as("no subject").isEmpty();
        assertThat(AccessTokens.read(token("{\"sub\":\"u\",\"roles\":[\"ADMIN\"]}"))).as("no expiry").isEmpty();
        assertThat(AccessTokens.read("x".repeat(9000))).isEmpty();
    }
}
