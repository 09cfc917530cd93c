package io.plinth.discovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.netflix.eureka.cluster.PeerEurekaNode;
import com.netflix.eureka.cluster.PeerEurekaNodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.netflix.eureka.EurekaClientConfigBean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry as Kubernetes runs it: every replica gets the same EUREKA_PEERS list and keeps the
 * others as peers. The other replica is not running here, which must not stop this one serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.instance.hostname=discovery-0",
        // Set before the environment is post-processed, as EUREKA_PEERS is; discovery-1 never resolves here.
        "plinth.discovery.peers=http://discovery-0.discovery:8761/eureka/," + PeerModeIT.OTHER_REPLICA,
})
@DirtiesContext
class PeerModeIT {

    static final String OTHER_REPLICA = "http://discovery-1.discovery:8761/eureka/";

    @LocalServerPort
    int port;

    @Autowired
    EurekaClientConfigBean clientConfig;

    @Autowired
    PeerEurekaNodes peerNodes;

    @Test
    void replicatesWithTheOtherReplicasOnly() {
        assertThat(clientConfig.shouldRegisterWithEureka()).isTrue();
        assertThat(clientConfig.shouldFetchRegistry()).isTrue();
        assertThat(clientConfig.getEurekaServerServiceUrls("defaultZone")).containsExactly(OTHER_REPLICA);
        assertThat(peerNodes.getPeerNodesView()).extracting(PeerEurekaNode::getServiceUrl)
                .containsExactly(OTHER_REPLICA);
    }

    @Test
    void answersTheRegistryWhileAPeerIsDown() throws Exception {
        HttpResponse<String> apps = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/eureka/apps"))
                        .header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("\"applications\"");
    }
}
