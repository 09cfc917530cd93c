package io.plinth.video;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.plinth.test.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The platform's package rules (libs/platform-test, ServiceArchitecture), plus video-service's own. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ServiceArchitecture.importService("io.plinth.video");

    @Test
    void featurePackagesHaveNoCycles() {
        ServiceArchitecture.featurePackagesHaveNoCycles("io.plinth.video").check(CLASSES);
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
    void theRendererIsPlainJavaWithoutSpringOrTheDatabase() {
        classes().that().resideInAPackage("io.plinth.video.render..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.plinth.video.render..",
                        "org.jcodec..")
                .check(CLASSES);
    }

    @Test
    void jobRulesArePlainJava() {
        classes().that().haveSimpleName("JobState").or().haveSimpleName("GenerationRules")
                .or().haveSimpleName("Storyboard")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.plinth.video..",
                        "io.plinth.platform.problem..", "io.plinth.web..")
                .check(CLASSES);
    }

    @Test
    void controllersNeverTouchTheDatabaseOrStorage() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.r2dbc..", "io.r2dbc..",
                        "software.amazon..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .check(CLASSES);
    }
}
