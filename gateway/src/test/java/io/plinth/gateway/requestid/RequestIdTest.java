package io.plinth.gateway.requestid;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdTest {

    @Test
    void keepsASafeClientId() {
        assertThat(RequestId.acceptOrGenerate("req-1.2_3:abc")).isEqualTo("req-1.2_3:abc");
    }

    @Test
    void replacesMissingOverlongOrUnsafeIds() {
        for (String bad : new String[] {null, "", "a b", "x\r\nSet-Cookie: y", "é", "a".repeat(129)}) {
            String id = RequestId.acceptOrGenerate(bad);
            assertThat(id).isNotEqualTo(bad);
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
        }
    }

    @Test
    void generatedIdsAreVersion4UuidsAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = UUID.fromString(RequestId.generate());
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            seen.add(id.toString());
        }
        assertThat(seen).hasSize(10_000);
    }
}
