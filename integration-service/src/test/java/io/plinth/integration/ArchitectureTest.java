package io.plinth.integration;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.plinth.test.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The platform's package rules (libs/platform-test, ServiceArchitecture), from the first class on. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ServiceArchitecture.importService("io.plinth.integration");

    @Test
    void featurePackagesHaveNoCycles() {
        ServiceArchitecture.featurePackagesHaveNoCycles("io.plinth.integration").check(CLASSES);
    }

    @Test
    void storesBelongToTheirFeature() {
        ServiceArchitecture.storesBelongToTheirFeature().check(CLASSES);
    }
}
