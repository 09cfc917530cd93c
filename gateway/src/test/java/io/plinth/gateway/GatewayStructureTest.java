package io.plinth.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Feature packages stay independent, so a new one (security) can be added without untangling. */
class GatewayStructureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.plinth.gateway");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.plinth.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void theRouteTableIsPlainData() {
        noClasses().that().haveSimpleName("PlinthRoutes").or().haveSimpleName("RouteSpec")
                .or().haveSimpleName("RouteKind")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(GATEWAY);
    }

    @Test
    void requestHandlingDoesNotDependOnRouting() {
        noClasses().that().resideInAnyPackage("..gateway.edge..", "..gateway.problem..")
                .should().dependOnClassesThat().resideInAPackage("..gateway.routing..")
                .check(GATEWAY);
    }
}
