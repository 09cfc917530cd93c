package io.plinth.console.integrations;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.plinth.console.form.FormErrors;
import io.plinth.console.platform.ApiProblem;
import io.plinth.console.platform.PlatformApi;
import io.plinth.console.session.Operator;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The tenant's integrations (integration-service's generic registry, {@code /api/v1/admin/integrations}): a tab per
 * integration the API lists, its credentials form — secrets are write-only here: the page shows the API's masked
 * values and never puts a secret into a form field — enable/disable, settings, "Test connection", and for DocuSign a
 * "test send" of one envelope.
 */
@Controller
class IntegrationsController {

    static final int MAX_CREDENTIAL = 8_192;
    static final int MAX_SETTING = 1_000;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    record LastTest(boolean ok, long latencyMs, String message, Instant at) {
    }

    record Integration(String key, boolean configured, boolean enabled, Map<String, String> credentials,
            boolean credentialsReadable, Map<String, Object> settings, LastTest lastTest, Instant createdAt,
            Instant updatedAt) {
    }

    record IntegrationList(List<Integration> items) {
    }

    record TestResult(boolean ok, long latencyMs, String message) {
    }

    /** What the operator typed into DocuSign's test send, to show again. */
    record SendForm(String templateId, String name, String email) {
    }

    record Recipient(String name, String email) {
    }

    record Envelope(String id, String envelopeId, String status, String templateId, Recipient recipient) {
    }

    static final int MAX_SEND_FIELD = 200;

    private final PlatformApi api;

    IntegrationsController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/console/integrations")
    Mono<Rendering> list(Operator operator, @RequestParam(required = false) String key,
            @RequestParam(required = false) String saved) {
        return page(operator, key, Map.of(), null, null, Map.of())
                .map(page -> page.modelAttribute("saved", saved != null).build());
    }

    @PostMapping("/console/integrations/{key}")
    Mono<Rendering> save(Operator operator, @PathVariable String key, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> integration(operator, key).flatMap(current -> {
            FormErrors errors = new FormErrors();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("enabled", "true".equals(form.getFirst("enabled")));
            Map<String, String> credentials = credentials(current, form, errors);
            if (credentials != null) {
                body.put("credentials", credentials);
            }
            body.put("settings", settings(current, form, errors));
            Map<String, String> typed = typedSettings(form);
            if (errors.any()) {
                return page(operator, key, errors.asMap(), null, null, typed)
                        .map(page -> page.status(HttpStatus.UNPROCESSABLE_CONTENT).build());
            }
            return api.send(operator.accessToken(), HttpMethod.PUT,
                            u -> u.path("/api/v1/admin/integrations/{key}").build(key), body, Map.of(), Integration.class)
                    .map(savedView -> Rendering.redirectTo("/console/integrations?key=" + savedView.key() + "&saved=1").build())
                    .onErrorResume(ApiProblem.class, problem -> problem.status() == 404 ? Mono.error(problem)
                            : page(operator, key, problem.fieldMessages(), problem, null, typed)
                                    .map(page -> page.status(HttpStatus.valueOf(problem.status())).build()));
        }));
    }

    @PostMapping("/console/integrations/{key}/test")
    Mono<Rendering> test(Operator operator, @PathVariable String key) {
        requireKey(key);
        return api.send(operator.accessToken(), HttpMethod.POST,
                        u -> u.path("/api/v1/admin/integrations/{key}/test").build(key), null, Map.of(), TestResult.class)
                .flatMap(result -> page(operator, key, Map.of(), null, result, Map.of()))
                .onErrorResume(ApiProblem.class, problem -> problem.status() == 404 ? Mono.error(problem)
                        : page(operator, key, Map.of(), problem, null, Map.of())
                                .map(page -> page.status(HttpStatus.valueOf(problem.status()))))
                .map(Rendering.Builder::build);
    }

    /**
     * DocuSign's "test send": one envelope from a template (blank: the tenant's default) to one recipient, sent as the
     * operator through {@code POST /api/v1/signatures/envelopes}; the page shows the envelope's id and status or the
     * API's refusal. Checked here first so a typo costs no DocuSign call.
     */
    @PostMapping("/console/integrations/docusign/send")
    Mono<Rendering> testSend(Operator operator, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            SendForm typed = new SendForm(form.getFirst("templateId"), form.getFirst("recipientName"),
                    form.getFirst("recipientEmail"));
            FormErrors errors = new FormErrors();
            String templateId = errors.optionalText("templateId", "Template id", typed.templateId(), MAX_SEND_FIELD);
            String name = errors.text("recipientName", "Recipient name", typed.name(), MAX_SEND_FIELD);
            String email = errors.email("recipientEmail", "Recipient email", typed.email());
            if (errors.any()) {
                return sendPage(operator, errors.asMap(), typed, null, null, HttpStatus.UNPROCESSABLE_CONTENT);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            if (templateId != null) {
                body.put("templateId", templateId);
            }
            body.put("recipient", Map.of("name", name, "email", email));
            return api.send(operator.accessToken(), HttpMethod.POST, u -> u.path("/api/v1/signatures/envelopes").build(),
                            body, Map.of(), Envelope.class)
                    .flatMap(sent -> sendPage(operator, Map.of(), typed, sent, null, HttpStatus.OK))
                    .onErrorResume(ApiProblem.class, problem -> sendPage(operator, sendFields(problem.fieldMessages()),
                            typed, null, problem, HttpStatus.valueOf(problem.status())));
        });
    }

    private Mono<Rendering> sendPage(Operator operator, Map<String, String> errors, SendForm typed, Envelope sent,
            ApiProblem problem, HttpStatus status) {
        return page(operator, "docusign", Map.of(), null, null, Map.of()).map(page -> {
            page.modelAttribute("sendErrors", errors).modelAttribute("sendForm", typed).status(status);
            if (sent != null) {
                page.modelAttribute("envelope", sent);
            }
            if (problem != null) {
                page.modelAttribute("sendProblem", problem);
            }
            return page.build();
        });
    }

    /** The API's field names as the form's. */
    private static Map<String, String> sendFields(Map<String, String> apiErrors) {
        Map<String, String> out = new LinkedHashMap<>();
        apiErrors.forEach((field, message) -> out.put(switch (field) {
            case "recipient.name" -> "recipientName";
            case "recipient.email" -> "recipientEmail";
            default -> field;
        }, message));
        return out;
    }

    private Mono<Integration> integration(Operator operator, String key) {
        requireKey(key);
        return api.get(operator.accessToken(), u -> u.path("/api/v1/admin/integrations/{key}").build(key), Integration.class);
    }

    private Mono<Rendering.Builder<?>> page(Operator operator, String key, Map<String, String> errors, ApiProblem problem,
            TestResult test, Map<String, String> typedSettings) {
        return api.get(operator.accessToken(), u -> u.path("/api/v1/admin/integrations").build(), IntegrationList.class)
                .map(all -> {
                    List<Integration> items = all.items() == null ? List.of() : all.items();
                    Integration selected = items.stream().filter(i -> i.key().equals(key)).findFirst()
                            .orElse(items.isEmpty() ? null : items.get(0));
                    if (key != null && selected != null && !selected.key().equals(key)) {
                        throw new ApiProblem(404, "No such integration",
                                "There is no integration '" + key + "'.", "not_found", List.of());
                    }
                    Rendering.Builder<?> page = Rendering.view("integrations")
                            .modelAttribute("items", items)
                            .modelAttribute("errors", errors)
                            .modelAttribute("typed", typedSettings)
                            .modelAttribute("sendErrors", Map.of())
                            .modelAttribute("sendForm", new SendForm("", "", ""));
                    if (selected != null) {
                        page.modelAttribute("selected", selected)
                                .modelAttribute("credentialFields", ProviderFields.credentials(selected.key(), selected.credentials()))
                                .modelAttribute("settingTypes", ProviderFields.settings(selected.key(), selected.settings()));
                    }
                    if (problem != null) {
                        page.modelAttribute("problem", problem);
                    }
                    if (test != null) {
                        page.modelAttribute("test", test);
                    }
                    return page;
                });
    }

    /**
     * Blank fields keep what is stored; once any is filled, all must be (the API replaces credentials whole). A
     * first save needs them all.
     */
    private static Map<String, String> credentials(Integration current, MultiValueMap<String, String> form,
            FormErrors errors) {
        List<String> fields = ProviderFields.credentials(current.key(), current.credentials());
        Map<String, String> given = new LinkedHashMap<>();
        for (String field : fields) {
            String value = form.getFirst("credentials." + field);
            if (value != null && !value.isBlank()) {
                given.put(field, value.strip());
            }
        }
        if (given.isEmpty() && current.configured()) {
            return null;
        }
        for (String field : fields) {
            String value = given.get(field);
            if (value == null) {
                errors.add("credentials." + field, field + " is required" + (current.configured()
                        ? " when the credentials are replaced (fill in every field, or none to keep the stored ones)."
                        : "."));
            } else if (value.length() > MAX_CREDENTIAL) {
                errors.add("credentials." + field, field + " must be at most " + MAX_CREDENTIAL + " characters.");
            }
        }
        return given;
    }

    private static Map<String, Object> settings(Integration current, MultiValueMap<String, String> form, FormErrors errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        ProviderFields.settings(current.key(), current.settings()).forEach((name, type) -> {
            String field = "settings." + name;
            String value = form.getFirst(field);
            if (value == null || value.isBlank()) {
                return;
            }
            value = value.strip();
            if (value.length() > MAX_SETTING) {
                errors.add(field, name + " must be at most " + MAX_SETTING + " characters.");
                return;
            }
            switch (type) {
                case BOOLEAN -> {
                    if (value.equals("true") || value.equals("false")) {
                        out.put(name, Boolean.parseBoolean(value));
                    } else {
                        errors.add(field, name + " must be yes or no.");
                    }
                }
                case INTEGER -> {
                    try {
                        out.put(name, Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        errors.add(field, name + " must be a whole number.");
                    }
                }
                case TEXT -> out.put(name, value);
            }
        });
        return out;
    }

    /** What the operator typed into the settings, to show again after a refusal (settings are not secret). */
    private static Map<String, String> typedSettings(MultiValueMap<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("settings.") && !values.isEmpty() && values.get(0) != null) {
                typed.put(name.substring("settings.".length()), values.get(0));
            }
        });
        return typed;
    }

    private static void requireKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new ApiProblem(404, "No such integration", "There is no integration '" + key + "'.", "not_found", List.of());
        }
    }
}
