package io.plinth.credit;

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
            .importPackages("io.plinth.credit");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.plinth.credit.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheWebLayerKnowsTheWebLayer() {
        noClasses().that().resideOutsideOfPackage("io.plinth.credit.api..")
                .should().dependOnClassesThat().resideInAPackage("io.plinth.credit.api..")
                .check(CLASSES);
    }

    @Test
    void ledgerRulesArePlainJava() {
        classes().that().haveSimpleNameEndingWith("Kind").or().haveSimpleName("TransferRequest")
                .or().haveSimpleName("Transfer").or().haveSimpleName("TransferIds").or().haveSimpleName("LowBalance")
                .or().haveSimpleName("Wallet").or().haveSimpleName("Tier").or().haveSimpleName("TierPolicy")
                .or().haveSimpleName("UtcDay").or().haveSimpleName("RefundMath").or().haveSimpleName("HoldState")
                .or().haveSimpleName("CreditException")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.plinth.credit..")
                .check(CLASSES);
    }

    @Test
    void controllersNeverTouchTheDatabase() {
        noClasses().that().resideInAPackage("io.plinth.credit.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.r2dbc..", "io.r2dbc..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .check(CLASSES);
    }
}
