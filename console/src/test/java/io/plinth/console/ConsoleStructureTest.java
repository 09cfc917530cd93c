package io.plinth.console;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Pages are features side by side: none reaches into another; they share only the platform client, forms and the session. */
class ConsoleStructureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.plinth.console");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.plinth.console.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noPageReachesIntoAnother() {
        String[] pages = {"apps", "users", "integrations", "webhooks", "payments", "overview"};
        for (String page : pages) {
            String[] others = java.util.Arrays.stream(pages).filter(p -> !p.equals(page))
                    .map(p -> "io.plinth.console." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.plinth.console." + page + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(CLASSES);
        }
    }
}
