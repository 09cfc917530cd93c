package io.plinth.integration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md, checked. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.plinth.integration");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.plinth.integration.(*)..").should().beFreeOfCycles().check(CLASSES);
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
