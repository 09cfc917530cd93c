package io.plinth.auth;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.plinth.test.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The platform's package rules (libs/platform-test, ServiceArchitecture), plus auth-service's own. */
class ArchitectureTest {

    private static final JavaClasses classes = ServiceArchitecture.importService("io.plinth.auth");

    @Test
    void storesBelongToTheirFeature() {
        ServiceArchitecture.storesBelongToTheirFeature().check(classes);
    }

    @Test
    void domainCodeIsFreeOfTheWeb() {
        ServiceArchitecture.domainCodeIsFreeOfTheWeb().check(classes);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        ServiceArchitecture.featurePackagesHaveNoCycles("io.plinth.auth").check(classes);
    }

    @Test
    void domainRulesArePlainJava() {
        noClasses().that().haveSimpleNameEndingWith("Policy")
                .or().haveSimpleName("EmailAddress").or().haveSimpleName("PhoneNumber")
                .or().haveSimpleName("RefreshDecision").or().haveSimpleName("KeySchedule")
                .or().haveSimpleName("KeyEncryptor").or().haveSimpleName("OpaqueTokens")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.r2dbc..", "reactor..")
                .check(classes);
    }

    @Test
    void controllersDoNotTouchRepositories() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .orShould().dependOnClassesThat().haveSimpleName("DatabaseClient")
                .check(classes);
    }
}
