package io.plinth.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** payment-service's own package rules (STYLE.md), next to whatever the platform checks in every service. */
class PaymentArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.plinth.payment");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.plinth.payment.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheWebLayerKnowsTheWebLayer() {
        noClasses().that().resideOutsideOfPackage("io.plinth.payment.api..")
                .should().dependOnClassesThat().resideInAPackage("io.plinth.payment.api..")
                .check(CLASSES);
    }

    @Test
    void stateMachinesAndTheCatalogArePlainJava() {
        classes().that().haveSimpleName("PaymentStatus").or().haveSimpleName("SubscriptionStatus")
                .or().haveSimpleName("Catalog").or().haveSimpleName("CatalogPrice").or().haveSimpleName("Payment")
                .or().haveSimpleName("PhoneNumbers").or().haveSimpleName("DarajaPassword")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.plinth.payment..")
                .check(CLASSES);
    }

    @Test
    void controllersNeverTouchTheDatabaseOrAProviderSdk() {
        noClasses().that().resideInAPackage("io.plinth.payment.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.r2dbc..", "io.r2dbc..",
                        "com.stripe..", "org.springframework.web.reactive.function.client..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .check(CLASSES);
    }

    @Test
    void onlyTheStripePackageTalksToStripe() {
        noClasses().that().resideOutsideOfPackage("io.plinth.payment.stripe..")
                .should().dependOnClassesThat().resideInAPackage("com.stripe..")
                .check(CLASSES);
    }
}
