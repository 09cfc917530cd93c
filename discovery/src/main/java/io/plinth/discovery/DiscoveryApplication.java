package io.plinth.discovery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/**
 * The Eureka registry every service registers with and the gateway resolves {@code lb://} ids
 * from. Standalone by default; peer-aware when {@code EUREKA_PEERS} is set ({@link PeerMode}).
 */
@SpringBootApplication
@EnableEurekaServer
public class DiscoveryApplication {
    public static void main(String[] args) {
        SpringApplication.run(DiscoveryApplication.class, args);
    }
}
