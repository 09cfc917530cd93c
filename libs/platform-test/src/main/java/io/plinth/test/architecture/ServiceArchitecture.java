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
import com.tngtech.archunit.lang.CompositeArchRule;
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
 *   <li><b>Domain code is free of the web</b>: only inbound web adapters (controllers, web filters
 *       and exception handlers, the service's {@code DomainProblems} mapping, Spring configuration)
 *       may depend on server-side HTTP types, the platform's problem types or {@code io.plinth.web};
 *       outbound HTTP adapters (classes that call out through {@code WebClient} or
 *       {@code RestClient}) may also use the HTTP types their client speaks
 *       ({@code org.springframework.http}: headers, media types, statuses) but nothing of the server
 *       side or of problems; everything else raises domain exceptions. The one value of the web core
 *       domain code may name is {@code io.plinth.web.FieldViolation} (field, code, sentence; plain
 *       Java): validation rules report invalid fields with it and a domain exception carries them.</li>
 * </ol>
 */
public final class ServiceArchitecture {

    /** Server-side web types: request binding, exchanges, handler results, problems. */
    static final String[] SERVER_WEB_PACKAGES = {
        "org.springframework.http.server..", "org.springframework.web.bind..", "org.springframework.web.server..",
        "org.springframework.web.reactive.result..", "io.plinth.web..", "io.plinth.platform.problem.."};

    /** HTTP itself: statuses, headers, media types, both sides' messages. */
    static final String HTTP_PACKAGES = "org.springframework.http..";

    /** The clients an outbound HTTP adapter calls out with (reactive WebClient, blocking RestClient). */
    static final String[] HTTP_CLIENT_PACKAGES = {
        "org.springframework.web.reactive.function.client..", "org.springframework.web.client.."};

    /** Plain Java despite its package: one invalid field, which domain validation may report. */
    static final String FIELD_VIOLATION = "io.plinth.web.FieldViolation";

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
        ArchRule domain = noClasses().that(areNotWebAdapters()).and(areNotOutboundHttpAdapters())
                .should().dependOnClassesThat(areWebTypes(true))
                .allowEmptyShould(true)
                .because("domain code raises domain exceptions; one mapping per service turns them into problem+json");
        ArchRule outbound = noClasses().that(areNotWebAdapters()).and(areOutboundHttpAdapters())
                .should().dependOnClassesThat(areWebTypes(false))
                .allowEmptyShould(true)
                .because("an outbound HTTP adapter speaks HTTP to its provider and hands domain values and exceptions"
                        + " back; statuses and problems for the service's own clients are the inbound side's");
        return CompositeArchRule.of(domain).and(outbound);
    }

    /** Controllers, web filters and handlers, the DomainProblems mapping, configuration, and what they enclose. */
    static DescribedPredicate<JavaClass> areNotWebAdapters() {
        return DescribedPredicate.describe("are not web adapters", type -> !isWebAdapter(type));
    }

    /** Classes that call out through an HTTP client (WebClient, RestClient), and what they enclose. */
    static DescribedPredicate<JavaClass> areOutboundHttpAdapters() {
        return DescribedPredicate.describe("are outbound HTTP adapters", ServiceArchitecture::isOutboundHttpAdapter);
    }

    static DescribedPredicate<JavaClass> areNotOutboundHttpAdapters() {
        return DescribedPredicate.describe("are not outbound HTTP adapters", type -> !isOutboundHttpAdapter(type));
    }

    /** Server-side web and problem types, and with {@code withHttp} HTTP's own types; never FieldViolation. */
    private static DescribedPredicate<JavaClass> areWebTypes(boolean withHttp) {
        DescribedPredicate<JavaClass> server = JavaClass.Predicates.resideInAnyPackage(SERVER_WEB_PACKAGES);
        DescribedPredicate<JavaClass> web = withHttp ? server.or(JavaClass.Predicates.resideInAPackage(HTTP_PACKAGES)) : server;
        return DescribedPredicate.describe(withHttp ? "are HTTP, server-side web or problem types"
                        : "are server-side web or problem types",
                type -> web.test(type) && !type.getName().equals(FIELD_VIOLATION));
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

    private static boolean isOutboundHttpAdapter(JavaClass type) {
        DescribedPredicate<JavaClass> client = JavaClass.Predicates.resideInAnyPackage(HTTP_CLIENT_PACKAGES);
        for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
            if (t.getDirectDependenciesFromSelf().stream().anyMatch(d -> client.test(d.getTargetClass()))) {
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
