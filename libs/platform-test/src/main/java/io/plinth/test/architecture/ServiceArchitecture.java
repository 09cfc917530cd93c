package io.plinth.test.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * The package rules every Plinth service keeps (STYLE.md rules 1, 3 and 11), stated by package and
 * by role, never by lists of class names, so a new class is covered the day it is written. A
 * service's {@code ArchitectureTest} imports its main classes once and checks {@link #rules}:
 *
 * <ol>
 *   <li><b>Feature packages have no cycles</b> ({@code io.plinth.credit.ledger} may use
 *       {@code …tier}, then {@code …tier} may not use {@code …ledger}).</li>
 *   <li><b>A store belongs to its feature</b>: a {@code @Repository} class is used only by classes of
 *       its own package, so e.g. only {@code ..ledger..} touches the ledger's store and every other
 *       feature goes through the feature's service.</li>
 *   <li><b>Domain code is free of the web</b>: only web adapters (controllers, web filters and
 *       exception handlers, the service's {@code DomainProblems} mapping, Spring configuration) may
 *       depend on HTTP types, the platform's problem types or {@code io.plinth.web}; everything else
 *       raises domain exceptions.</li>
 * </ol>
 */
public final class ServiceArchitecture {

    /** Server-side web types: statuses, headers, request binding, exchanges, problems. */
    static final String[] WEB_PACKAGES = {
        "org.springframework.http..", "org.springframework.web.bind..", "org.springframework.web.server..",
        "org.springframework.web.reactive.result..", "io.plinth.web..", "io.plinth.platform.problem.."};

    private ServiceArchitecture() {
    }

    /** The service's own main classes (no tests, no libraries). */
    public static JavaClasses importService(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    /** Every rule, for a service rooted at {@code basePackage} (e.g. {@code io.plinth.credit}). */
    public static List<ArchRule> rules(String basePackage) {
        return List.of(featurePackagesHaveNoCycles(basePackage), storesBelongToTheirFeature(),
                domainCodeIsFreeOfTheWeb());
    }

    public static ArchRule featurePackagesHaveNoCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").namingSlices("feature $1")
                .should().beFreeOfCycles()
                .allowEmptyShould(true)
                .because("a feature package is a unit another feature builds on, never a partner in a loop");
    }

    public static ArchRule storesBelongToTheirFeature() {
        return classes().that().areAnnotatedWith("org.springframework.stereotype.Repository")
                .should(beUsedOnlyFromTheirOwnPackage())
                .allowEmptyShould(true)
                .because("a feature reaching into another feature's store bypasses the rules its service keeps");
    }

    public static ArchRule domainCodeIsFreeOfTheWeb() {
        return noClasses().that(areNotWebAdapters())
                .should().dependOnClassesThat().resideInAnyPackage(WEB_PACKAGES)
                .allowEmptyShould(true)
                .because("domain code raises domain exceptions; one mapping per service turns them into problem+json");
    }

    /** Controllers, web filters and handlers, the DomainProblems mapping, configuration, and what they enclose. */
    static DescribedPredicate<JavaClass> areNotWebAdapters() {
        return DescribedPredicate.describe("are not web adapters", type -> !isWebAdapter(type));
    }

    private static boolean isWebAdapter(JavaClass type) {
        for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
            if (t.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                    || t.isAnnotatedWith("org.springframework.stereotype.Controller")
                    || t.isAnnotatedWith("org.springframework.web.bind.annotation.RestControllerAdvice")
                    || t.isAnnotatedWith("org.springframework.web.bind.annotation.ControllerAdvice")
                    || t.isAnnotatedWith("org.springframework.context.annotation.Configuration")
                    || t.isAssignableTo("org.springframework.web.server.WebFilter")
                    || t.isAssignableTo("org.springframework.web.server.WebExceptionHandler")
                    || t.isAssignableTo("io.plinth.platform.problem.DomainProblems")) {
                return true;
            }
        }
        return false;
    }

    private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackage() {
        return new ArchCondition<>("be used only from their own package") {
            @Override
            public void check(JavaClass store, ConditionEvents events) {
                for (Dependency dependency : store.getDirectDependenciesToSelf()) {
                    JavaClass user = dependency.getOriginClass();
                    if (!user.getPackageName().equals(store.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
