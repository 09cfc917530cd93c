package io.plinth.platform.problem;

import io.plinth.web.Problem;
import io.plinth.web.FieldViolation;
import io.plinth.web.ProblemCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    record Item(String priceId, int quantity) {
    }

    record Order(String email, long credits, List<Item> items) {
    }

    record Signup(@NotBlank @Email String email) {
    }

    @SuppressWarnings("unused")
    void handler(@RequestBody Order order) {
    }

    private MethodParameter bodyParameter() throws NoSuchMethodException {
        Method method = ProblemMapperTest.class.getDeclaredMethod("handler", Order.class);
        return new MethodParameter(method, 0);
    }

    private ServerWebInputException decodingFailure(String json) throws Exception {
        try {
            JsonMapper.shared().readValue(json, Order.class);
        } catch (JacksonException ex) {
            return new ServerWebInputException("Failed to read HTTP message", bodyParameter(),
                    new DecodingException("JSON decoding error", ex));
        }
        throw new AssertionError("expected " + json + " not to decode");
    }

    @Test
    void apiExceptionKeepsStatusCodeDetailPropertiesAndRetryAfter() {
        Problem problem = mapper.map(ApiException.tooManyRequests("daily_limit_reached", "3 per day", Duration.ofMillis(1500))
                .withProperty("limit", 3));

        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.code()).isEqualTo("daily_limit_reached");
        assertThat(problem.detail()).isEqualTo("3 per day");
        assertThat(problem.properties()).containsEntry("limit", 3);
        assertThat(problem.headers()).containsEntry(HttpHeaders.RETRY_AFTER, "2");
    }

    @Test
    void malformedJsonIs400MalformedJson() throws Exception {
        Problem problem = mapper.map(decodingFailure("{\"email\": \"a@b.c\", "));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo(ProblemCodes.MALFORMED_JSON);
        assertThat(problem.errors()).isEmpty();
    }

    @Test
    void stringForANumberNamesTheField() throws Exception {
        Problem problem = mapper.map(decodingFailure("{\"email\":\"a@b.c\",\"credits\":\"many\"}"));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo(ProblemCodes.MALFORMED_BODY);
        assertThat(problem.errors()).containsExactly(
                new FieldViolation("credits", "must be an integer", ProblemCodes.FIELD_INVALID_TYPE));
    }

    @Test
    void nestedWrongTypeNamesTheJsonPathWithIndex() throws Exception {
        Problem problem = mapper.map(decodingFailure("{\"items\":[{\"priceId\":\"p\",\"quantity\":1},{\"priceId\":\"p\",\"quantity\":[1]}]}"));

        assertThat(problem.errors()).extracting(FieldViolation::field).containsExactly("items[1].quantity");
    }

    @Test
    void emptyBodyIsMissingBody() throws Exception {
        assertThat(mapper.map(decodingFailure("")).code()).isEqualTo(ProblemCodes.MISSING_BODY);
        assertThat(mapper.map(new ServerWebInputException("No request body", bodyParameter())).code())
                .isEqualTo(ProblemCodes.MISSING_BODY);
        assertThat(mapper.map(new ServerWebInputException("No request body", bodyParameter(),
                new DecodingException("No request body for: Order handler(Order)"))).code())
                .isEqualTo(ProblemCodes.MISSING_BODY);
    }

    @Test
    void bindingErrorsAre422WithSnakeCaseConstraintCodes() throws Exception {
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Order("x", 0, List.of()), "order");
        result.addError(new FieldError("order", "email", "x", false, new String[] {"Email.order.email", "Email"},
                null, "must be a well-formed email address"));
        result.addError(new FieldError("order", "items[0].priceId", "", false,
                new String[] {"NotBlank.order.items[0].priceId", "NotBlank"}, null, "must not be blank"));

        Problem problem = mapper.map(new WebExchangeBindException(bodyParameter(), result));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.code()).isEqualTo(ProblemCodes.VALIDATION_FAILED);
        assertThat(problem.errors()).containsExactly(
                new FieldViolation("email", "must be a well-formed email address", "email"),
                new FieldViolation("items[0].priceId", "must not be blank", "not_blank"));
    }

    @Test
    void constraintViolationsAre422NamingTheProperty() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        Set<ConstraintViolation<Signup>> violations = validator.validate(new Signup(""));

        Problem problem = mapper.map(new ConstraintViolationException(Set.copyOf(violations)));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.errors()).extracting(FieldViolation::field).containsOnly("email");
        assertThat(problem.errors()).extracting(FieldViolation::code).contains("not_blank");
    }

    @Test
    void missingParameterIs400NamingIt() throws Exception {
        Problem problem = mapper.map(new MissingRequestValueException("limit", int.class, "query parameter", null));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo(ProblemCodes.MISSING_PARAMETER);
        assertThat(problem.errors()).containsExactly(new FieldViolation("limit", "is required", "required"));
    }

    @Test
    void tooLargeIs413WhicheverWayItArrives() {
        assertThat(mapper.map(new ContentTooLargeException(new DataBufferLimitException("256"))).status()).isEqualTo(413);
        assertThat(mapper.map(new DataBufferLimitException("Exceeded limit")).status()).isEqualTo(413);
        assertThat(mapper.map(new DataBufferLimitException("x")).code()).isEqualTo(ProblemCodes.PAYLOAD_TOO_LARGE);
    }

    @Test
    void wrongMethodIs405WithAllowHeader() {
        Problem problem = mapper.map(new MethodNotAllowedException(HttpMethod.DELETE, Set.of(HttpMethod.POST)));

        assertThat(problem.status()).isEqualTo(405);
        assertThat(problem.code()).isEqualTo(ProblemCodes.METHOD_NOT_ALLOWED);
        assertThat(problem.headers()).containsEntry(HttpHeaders.ALLOW, "POST");
    }

    @Test
    void unsupportedMediaTypeIs415() {
        Problem problem = mapper.map(new UnsupportedMediaTypeStatusException(MediaType.TEXT_PLAIN,
                List.of(MediaType.APPLICATION_JSON)));

        assertThat(problem.status()).isEqualTo(415);
        assertThat(problem.detail()).contains("text/plain");
        assertThat(problem.headers()).containsEntry(HttpHeaders.ACCEPT, "application/json");
    }

    @Test
    void responseStatusExceptionKeepsStatusAndReasonWithACodeFromTheStatus() {
        Problem problem = mapper.map(new ResponseStatusException(HttpStatus.CONFLICT, "already rendering"));

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.code()).isEqualTo("conflict");
        assertThat(problem.detail()).isEqualTo("already rendering");
        assertThat(mapper.map(new ResponseStatusException(HttpStatus.NOT_FOUND)).code()).isEqualTo("not_found");
    }

    @Test
    void frameworkServerErrorsHideTheirReason() {
        Problem problem = mapper.map(new ServerErrorException("Failed to invoke handler method x.y.Z", new RuntimeException()));

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).isEqualTo(ProblemMapper.GENERIC_500).doesNotContain("x.y.Z");
    }

    @Test
    void unexpectedExceptionsAre500WithAGenericDetail() {
        Problem problem = mapper.map(new IllegalStateException("jdbc:postgresql://secret"));

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.code()).isEqualTo(ProblemCodes.INTERNAL_ERROR);
        assertThat(problem.detail()).doesNotContain("secret");
    }

    @Test
    void timeoutsAre503WithRetryAfter() {
        Problem problem = mapper.map(new TimeoutException("Did not observe any item within 2000ms"));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.code()).isEqualTo(ProblemCodes.DEPENDENCY_UNAVAILABLE);
        assertThat(problem.headers()).containsEntry(HttpHeaders.RETRY_AFTER, "5");
    }

    @Test
    void aTransactionThatCannotStartIsA503NotA500() {
        Problem problem = mapper.map(new org.springframework.transaction.CannotCreateTransactionException(
                "Could not open R2DBC Connection for transaction", new IllegalStateException("connection refused")));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.code()).isEqualTo(ProblemCodes.DEPENDENCY_UNAVAILABLE);
        assertThat(problem.headers()).containsKey(HttpHeaders.RETRY_AFTER);
    }

    @Test
    void snakeCaseHandlesConstraintNames() {
        assertThat(ProblemMapper.snakeCase("NotBlank")).isEqualTo("not_blank");
        assertThat(ProblemMapper.snakeCase("PositiveOrZero")).isEqualTo("positive_or_zero");
        assertThat(ProblemMapper.snakeCase("Email")).isEqualTo("email");
        assertThat(ProblemMapper.snakeCase("URL")).isEqualTo("url");
    }

    @Test
    void apiExceptionRefusesCodesThatAreNotSnakeCase() {
        assertThatThrownBy(() -> ApiException.conflict("Insufficient Credits", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiException.conflict("insufficient_credits", "x").withRetryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void apiExceptionModifiersReturnCopies() {
        ApiException original = ApiException.paymentRequired("insufficient_credits", "low");
        ApiException withBalance = original.withProperty("balance", 3);

        assertThat(original.getProperties()).isEmpty();
        assertThat(withBalance.getProperties()).containsEntry("balance", 3);
        assertThat(withBalance.getStatus().value()).isEqualTo(402);
        assertThat(ApiException.notFound("x").getCode()).isEqualTo("not_found");
        assertThat(ApiException.unauthorized("x").getStatus().value()).isEqualTo(401);
        assertThat(ApiException.forbidden("x").getStatus().value()).isEqualTo(403);
        assertThat(ApiException.unprocessable(List.of(new FieldViolation("a", "bad", "invalid"))).getErrors()).hasSize(1);
        assertThat(ApiException.serviceUnavailable("provider_down", "x", Duration.ofSeconds(30)).getRetryAfter())
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void aServicesDomainMappingIsAskedFirstAndOnlyForItsOwnExceptions() {
        class Refused extends RuntimeException {
            Refused() {
                super("no credits");
            }
        }
        ProblemMapper withDomain = new ProblemMapper(java.util.List.of(
                error -> error instanceof Refused ? Problem.of(402, "insufficient_credits", error.getMessage()) : null));

        Problem refused = withDomain.map(new Refused());
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("insufficient_credits");
        assertThat(withDomain.map(new IllegalStateException("x")).status()).isEqualTo(500);
    }

}
