package io.plinth.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ProviderSandboxApplication {
    public static void main(String[] args) {
        SpringApplication.run(ProviderSandboxApplication.class, args);
    }
}
