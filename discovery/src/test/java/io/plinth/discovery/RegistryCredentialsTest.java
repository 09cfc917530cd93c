package io.plinth.discovery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryCredentialsTest {

    @Test
    void addsEncodedCredentialsToAPeerUrl() {
        RegistryCredentials credentials = new RegistryCredentials("plinth", "p@ss:w/rd");

        assertThat(credentials.addTo("http://discovery-1.discovery:8761/eureka/"))
                .isEqualTo("http://plinth:p%40ss%3Aw%2Frd@discovery-1.discovery:8761/eureka/");
    }

    @Test
    void leavesAUrlThatNamesAUserOrAnOpenRegistryAlone() {
        assertThat(new RegistryCredentials("plinth", "secret").addTo("http://other:pw@discovery-1:8761/eureka/"))
                .isEqualTo("http://other:pw@discovery-1:8761/eureka/");
        assertThat(new RegistryCredentials("plinth", "").addTo("http://discovery-1:8761/eureka/"))
                .isEqualTo("http://discovery-1:8761/eureka/");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new RegistryCredentials("plinth", "secret").toString()).doesNotContain("secret");
    }
}
