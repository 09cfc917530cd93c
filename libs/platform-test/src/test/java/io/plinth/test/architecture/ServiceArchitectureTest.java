package io.plinth.test.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

/** The web rule tells roles apart: domain code, an outbound HTTP adapter, and one that leaks the server side. */
class ServiceArchitectureTest {

    /** Domain code choosing an HTTP status: what the rule exists to refuse. */
    static final class DomainWithStatus {
        int refuse() {
            return HttpStatus.CONFLICT.value();
        }
    }

    /** Plain domain code. */
    static final class PlainDomain {
        int refuse() {
            return 409;
        }
    }

    /** Calls a provider through WebClient with the HTTP types that client speaks. */
    static final class ProviderClient {
        private final WebClient client = WebClient.create();

        Object call() {
            return client.post().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, "x");
        }

        /** Enclosed by the adapter, so it is one too. */
        record Answer(HttpStatus status) {
        }
    }

    /** An outbound adapter that reaches into the server side's exchange. */
    static final class ProviderClientReadingTheExchange {
        private final WebClient client = WebClient.create();

        Object call(ServerWebExchange exchange) {
            return client.get().header("X-Forwarded", exchange.getRequest().getId());
        }
    }

    private static EvaluationResult check(Class<?>... types) {
        JavaClasses classes = new ClassFileImporter().importClasses(types);
        return ServiceArchitecture.domainCodeIsFreeOfTheWeb().evaluate(classes);
    }

    @Test
    void domainCodeMayNotUseHttpTypes() {
        assertThat(check(DomainWithStatus.class).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("DomainWithStatus") && line.contains("HttpStatus"));
        assertThat(check(PlainDomain.class).hasViolation()).isFalse();
    }

    @Test
    void anOutboundHttpAdapterMayUseTheHttpTypesItsClientSpeaks() {
        assertThat(check(ProviderClient.class, ProviderClient.Answer.class).hasViolation()).isFalse();
    }

    @Test
    void anOutboundHttpAdapterMayNotUseTheServerSide() {
        assertThat(check(ProviderClientReadingTheExchange.class).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("ProviderClientReadingTheExchange") && line.contains("ServerWebExchange"))
                .noneMatch(line -> line.contains("WebClient"));
    }
}
