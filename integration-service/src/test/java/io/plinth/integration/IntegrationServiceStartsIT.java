package io.plinth.integration;

import io.plinth.test.ServiceStartsContract;

/** The service starts against real PostgreSQL and Kafka: probes UP, metrics, migrations, OpenAPI. */
class IntegrationServiceStartsIT extends ServiceStartsContract {
}
