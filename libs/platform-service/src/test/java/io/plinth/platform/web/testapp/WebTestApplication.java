package io.plinth.platform.web.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * The smallest service that uses platform-service: the platform's auto-configurations plus a few
 * test controllers and a filter, so the ITs exercise the same wiring a real service gets.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = WebTestApplication.class)
public class WebTestApplication {
}
