package io.plinth.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class ReadinessHealthCheckHandlerTest {

    @Test
    void readyIsUpAndNotReadyIsDown() {
        assertThat(ReadinessHealthCheckHandler.toInstanceStatus(Status.UP)).isEqualTo(InstanceStatus.UP);
        assertThat(ReadinessHealthCheckHandler.toInstanceStatus(Status.DOWN)).isEqualTo(InstanceStatus.DOWN);
    }

    /** Eureka keeps an OUT_OF_SERVICE registration against later UP ones: it must only ever come from an operator. */
    @Test
    void notYetReadyIsReportedDownNeverOutOfService() {
        assertThat(ReadinessHealthCheckHandler.toInstanceStatus(Status.OUT_OF_SERVICE)).isEqualTo(InstanceStatus.DOWN);
    }

    @Test
    void aMissingGroupIsUnknownNotUp() {
        assertThat(ReadinessHealthCheckHandler.toInstanceStatus(null)).isEqualTo(InstanceStatus.UNKNOWN);
        assertThat(ReadinessHealthCheckHandler.toInstanceStatus(Status.UNKNOWN)).isEqualTo(InstanceStatus.UNKNOWN);
    }
}
