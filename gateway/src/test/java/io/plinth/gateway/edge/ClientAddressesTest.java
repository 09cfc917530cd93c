package io.plinth.gateway.edge;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    private final ClientAddresses behindIngress = ClientAddresses.trusting(List.of("10.0.0.0/8", "fd00::/8"));

    @Test
    void withoutTrustedProxiesTheTcpPeerIsTheClientWhateverItSends() {
        ClientAddresses none = ClientAddresses.trusting(List.of());
        assertThat(none.decide("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(ClientAddresses.trusting(null).decide(null, List.of())).isEqualTo("unknown");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        // The client wrote 1.1.1.1 itself; the ingress (10.1.2.3) appended the address it saw.
        assertThat(behindIngress.decide("10.1.2.3", List.of("1.1.1.1, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(behindIngress.decide("10.1.2.3", List.of("1.1.1.1", "198.51.100.7, 10.9.9.9")))
                .isEqualTo("198.51.100.7");
        assertThat(behindIngress.decide("fd00::1", List.of("2001:db8::7"))).isEqualTo("2001:db8::7");
    }

    @Test
    void anUntrustedPeerIsNeverBelievedAndGarbageStopsTheWalk() {
        assertThat(behindIngress.decide("198.51.100.9", List.of("10.0.0.1"))).isEqualTo("198.51.100.9");
        assertThat(behindIngress.decide("10.1.2.3", List.of("evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(behindIngress.decide("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
        assertThat(behindIngress.decide("10.1.2.3", List.of("10.4.4.4"))).isEqualTo("10.4.4.4");
    }

    @Test
    void aTypoInTheConfigurationFailsInsteadOfTrustingEveryone() {
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("ingress.local")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ClientAddresses.trusting(List.of(" ", "192.0.2.1")).decide("192.0.2.1", List.of("203.0.113.1")))
                .isEqualTo("203.0.113.1");
    }
}
