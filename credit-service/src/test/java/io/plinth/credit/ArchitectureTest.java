package io.plinth.credit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.plinth.test.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The platform's package rules (libs/platform-test), plus credit-service's own. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ServiceArchitecture.importService("io.plinth.credit");

    @Test
    void featurePackagesHaveNoCycles() {
        ServiceArchitecture.featurePackagesHaveNoCycles("io.plinth.credit").check(CLASSES);
    }

    @Test
    void onlyTheLedgerTouchesTheLedgersStore() {
        ServiceArchitecture.storesBelongToTheirFeature().check(CLASSES);
    }

    @Test
    void domainCodeIsFreeOfTheWeb() {
        ServiceArchitecture.domainCodeIsFreeOfTheWeb().check(CLASSES);
    }

    @Test
    void refusalsArePlainJava() {
        noClasses().that().resideInAPackage("io.plinth.credit.refusal..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.plinth.credit.refusal..")
                .check(CLASSES);
    }

    @Test
    void controllersNeverTouchTheDatabase() {
        noClasses().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.r2dbc..", "io.r2dbc..")
                .check(CLASSES);
    }
}
