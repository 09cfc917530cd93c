/**
 * Health as Plinth means it: readiness is what a service cannot answer requests without (its own
 * database), and the status a service pushes to Eureka is that readiness. Kafka, mail and provider
 * APIs stay visible as components of {@code /actuator/health} without deciding routing.
 */
package io.plinth.platform.health;
