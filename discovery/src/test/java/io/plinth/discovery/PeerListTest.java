package io.plinth.discovery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerListTest {

    @Test
    void noPeersMeansStandalone() {
        assertThat(PeerList.otherPeers(null, "localhost")).isEmpty();
        assertThat(PeerList.otherPeers("  ", "localhost")).isEmpty();
        assertThat(PeerList.otherPeers(" , ", "localhost")).isEmpty();
    }

    @Test
    void dropsThisReplicaFromTheSharedList() {
        String shared = "http://discovery-0.discovery:8761/eureka/, http://discovery-1.discovery:8761/eureka/";

        assertThat(PeerList.otherPeers(shared, "discovery-0"))
                .containsExactly("http://discovery-1.discovery:8761/eureka/");
        assertThat(PeerList.otherPeers(shared, "discovery-1.discovery"))
                .containsExactly("http://discovery-0.discovery:8761/eureka/");
    }

    @Test
    void keepsEveryPeerWhenItsOwnNameIsUnknownOrDifferent() {
        assertThat(PeerList.otherPeers("http://a:8761/eureka,http://b:8761/eureka/", null))
                .containsExactly("http://a:8761/eureka/", "http://b:8761/eureka/");
        assertThat(PeerList.otherPeers("http://discovery-10:8761/eureka/", "discovery-1"))
                .containsExactly("http://discovery-10:8761/eureka/");
    }

    @Test
    void removesDuplicates() {
        assertThat(PeerList.otherPeers("http://a:8761/eureka/,http://a:8761/eureka", "b"))
                .containsExactly("http://a:8761/eureka/");
    }

    @Test
    void refusesSomethingThatIsNotAUrl() {
        assertThatThrownBy(() -> PeerList.otherPeers("discovery-1:8761", "discovery-0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUREKA_PEERS");
    }
}
