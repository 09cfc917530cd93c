package io.plinth.payment;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.plinth.test.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The platform's package rules (libs/platform-test, ServiceArchitecture), from the first class on. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ServiceArchitecture.importService("io.plinth.payment");

    @Test
    void featurePackagesHaveNoCycles() {
        ServiceArchitecture.featurePackagesHaveNoCycles("io.plinth.payment").check(CLASSES);
    }

    @Test
    void storesBelongToTheirFeature() {
        ServiceArchitecture.storesBelongToTheirFeature().check(CLASSES);
    }

    @Test
    void domainCodeIsFreeOfTheWeb() {
        ServiceArchitecture.domainCodeIsFreeOfTheWeb().check(CLASSES);
    }
}
