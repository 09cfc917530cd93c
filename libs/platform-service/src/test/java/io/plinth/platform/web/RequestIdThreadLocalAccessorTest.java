package io.plinth.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdThreadLocalAccessorTest {

    @Test
    void threadLocalAccessorMapsToTheMdc() {
        RequestIdThreadLocalAccessor accessor = new RequestIdThreadLocalAccessor();
        accessor.setValue("req-1");
        assertThat(org.slf4j.MDC.get("requestId")).isEqualTo("req-1");
        assertThat(accessor.getValue()).isEqualTo("req-1");
        accessor.setValue();
        assertThat(org.slf4j.MDC.get("requestId")).isNull();
    }
}
