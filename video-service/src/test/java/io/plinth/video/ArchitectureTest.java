package io.plinth.video;

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
            .importPackages("io.plinth.video");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.plinth.video.(*)..").should().beFreeOfCycles().check(CLASSES);
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
                        "io.plinth.platform.problem..")
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
