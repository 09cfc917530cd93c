package io.plinth.video;

import io.plinth.test.ServiceStartsContract;
import org.springframework.test.context.TestPropertySource;

/**
 * The service starts against real PostgreSQL and Kafka: probes UP, metrics, migrations, OpenAPI. Its context lives
 * beside the other ITs' one, so its Kafka consumers get groups of their own: in the shared groups they would take
 * partitions, and the events on them, away from the other context.
 */
@TestPropertySource(properties = "plinth.video.consumer-group=video-service-starts-it")
class VideoServiceStartsIT extends ServiceStartsContract {
}
