package io.plinth.integration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.plinth.test.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The platform's package rules (libs/platform-test, ServiceArchitecture), plus integration-service's own. */
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

    @Test
    void domainCodeIsFreeOfTheWeb() {
        ServiceArchitecture.domainCodeIsFreeOfTheWeb().check(CLASSES);
    }

    @Test
    void onlyTheWebLayerKnowsTheWebLayer() {
        noClasses().that().resideOutsideOfPackage("..api..")
                .should().dependOnClassesThat().resideInAPackage("..api..")
                .check(CLASSES);
    }

    @Test
    void controllersNeverTouchTheDatabase() {
        noClasses().that().resideInAPackage("..api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.r2dbc..", "io.r2dbc..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .check(CLASSES);
    }

    @Test
    void signatureSchemesArePlainJava() {
        classes().that().haveSimpleNameEndingWith("Check").or().haveSimpleName("Signatures").or().haveSimpleName("Verdict")
                .or().haveSimpleName("EventFields").or().haveSimpleName("Payloads").or().haveSimpleName("SignedRequest")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "io.plinth.integration..",
                        "io.plinth.platform.callback..", "com.stripe..", "tools.jackson..")
                .check(CLASSES);
    }
}
