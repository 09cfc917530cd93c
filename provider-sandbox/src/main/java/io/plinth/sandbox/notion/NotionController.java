package io.plinth.sandbox.notion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notion's API as far as Plinth uses it (base {@code /v1}, {@code Authorization: Bearer <token>},
 * {@code Notion-Version} required): {@code GET /v1/databases/{id}}, {@code POST /v1/databases/{id}/query}
 * (a {@code filter} on one property's {@code rich_text|title equals}), {@code POST /v1/pages}, {@code PATCH|GET
 * /v1/pages/{id}}. Errors in Notion's shape {@code {object:"error", status, code, message}}. Integration tokens
 * are accepted when they look like Notion's ({@code secret_…} or {@code ntn_…}); others are 401 {@code unauthorized}.
 * Faults apply ({@code /v1/pages/**}, {@code /v1/databases/**}); a 429 fault carries {@code Retry-After}.
 *
 * <p>Controls: {@code POST /_sandbox/notion/databases {title}} makes a database; {@code GET
 * /_sandbox/notion/pages?database_id=} lists pages, newest first; {@code GET /_sandbox/notion/requests?token=&since=}
 * lists API requests as they arrived ({@code atMillis}) with {@code maxInAnySecond}, the rate check.
 */
@RestController
class NotionController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Set<String> VERSIONS = Set.of("2021-05-13", "2021-08-16", "2022-02-22", "2022-06-28");

    private final NotionWorkspace workspace;

    NotionController(NotionWorkspace workspace) {
        this.workspace = workspace;
    }

    @GetMapping("/v1/databases/{id}")
    ResponseEntity<Object> database(@RequestHeader Map<String, String> headers, @PathVariable String id) {
        return refusal(headers).orElseGet(() -> workspace.database(id)
                .<ResponseEntity<Object>>map(d -> ResponseEntity.ok(database(d)))
                .orElseGet(() -> notFound("database", id)));
    }

    @PostMapping("/v1/databases/{id}/query")
    ResponseEntity<Object> query(@RequestHeader Map<String, String> headers, @PathVariable String id,
            @RequestBody(required = false) String body) {
        Optional<ResponseEntity<Object>> refused = refusal(headers);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<NotionWorkspace.Database> database = workspace.database(id);
        if (database.isEmpty()) {
            return notFound("database", id);
        }
        JsonNode query = body == null || body.isBlank() ? JSON.createObjectNode() : parse(body);
        if (query == null || !query.isObject()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_json", "Error parsing JSON body.");
        }
        JsonNode filter = query.path("filter");
        String property = filter.path("property").asString(null);
        String equals = filter.has("rich_text") ? filter.path("rich_text").path("equals").asString(null)
                : filter.path("title").path("equals").asString(null);
        if (!filter.isMissingNode() && (property == null || equals == null)) {
            return error(HttpStatus.BAD_REQUEST, "validation_error",
                    "body failed validation: the sandbox understands a filter on one property's rich_text or title equals.");
        }
        int pageSize = Math.min(100, Math.max(1, query.path("page_size").asInt(100)));
        List<Object> results = new ArrayList<>();
        for (NotionWorkspace.Page page : workspace.pages(database.get().id())) {
            if (property == null || equals.equals(plainText(page.properties().path(property)))) {
                results.add(page(page));
            }
        }
        boolean more = results.size() > pageSize;
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("results", more ? results.subList(0, pageSize) : results);
        list.put("next_cursor", null);
        list.put("has_more", more);
        list.put("type", "page_or_database");
        return ResponseEntity.ok(list);
    }

    @PostMapping("/v1/pages")
    ResponseEntity<Object> createPage(@RequestHeader Map<String, String> headers, @RequestBody(required = false) String body) {
        Optional<ResponseEntity<Object>> refused = refusal(headers);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode page = body == null ? null : parse(body);
        if (page == null || !page.isObject()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_json", "Error parsing JSON body.");
        }
        String databaseId = page.path("parent").path("database_id").asString(null);
        if (databaseId == null) {
            return error(HttpStatus.BAD_REQUEST, "validation_error",
                    "body failed validation: body.parent.database_id should be defined, instead was `undefined`.");
        }
        Optional<NotionWorkspace.Database> database = workspace.database(databaseId);
        if (database.isEmpty()) {
            return notFound("database", databaseId);
        }
        Optional<ResponseEntity<Object>> invalid = invalidProperties(page.path("properties"));
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return ResponseEntity.ok(page(workspace.createPage(database.get().id(), (ObjectNode) page.get("properties"))));
    }

    @PatchMapping("/v1/pages/{id}")
    ResponseEntity<Object> updatePage(@RequestHeader Map<String, String> headers, @PathVariable String id,
            @RequestBody(required = false) String body) {
        Optional<ResponseEntity<Object>> refused = refusal(headers);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode update = body == null ? null : parse(body);
        if (update == null || !update.isObject()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_json", "Error parsing JSON body.");
        }
        Optional<ResponseEntity<Object>> invalid = invalidProperties(update.path("properties"));
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return workspace.updatePage(id, (ObjectNode) update.get("properties"))
                .<ResponseEntity<Object>>map(p -> ResponseEntity.ok(page(p)))
                .orElseGet(() -> notFound("page", id));
    }

    @GetMapping("/v1/pages/{id}")
    ResponseEntity<Object> getPage(@RequestHeader Map<String, String> headers, @PathVariable String id) {
        return refusal(headers).orElseGet(() -> workspace.page(id)
                .<ResponseEntity<Object>>map(p -> ResponseEntity.ok(page(p)))
                .orElseGet(() -> notFound("page", id)));
    }

    /** The integration's own bot user: what a token check reads. */
    @GetMapping("/v1/users/me")
    ResponseEntity<Object> me(@RequestHeader Map<String, String> headers) {
        return refusal(headers).orElseGet(() -> {
            Map<String, Object> bot = new LinkedHashMap<>();
            bot.put("object", "user");
            bot.put("id", "5a4d5b0c-0000-4000-8000-000000000b07");
            bot.put("name", "Plinth (sandbox)");
            bot.put("type", "bot");
            bot.put("bot", Map.of("owner", Map.of("type", "workspace", "workspace", true)));
            return ResponseEntity.ok(bot);
        });
    }

    record NewDatabase(String title) {
    }

    @PostMapping("/_sandbox/notion/databases")
    ResponseEntity<Object> newDatabase(@RequestBody(required = false) NewDatabase request) {
        String title = request == null || request.title() == null || request.title().isBlank() ? "Database" : request.title();
        return ResponseEntity.status(HttpStatus.CREATED).body(database(workspace.createDatabase(title)));
    }

    @GetMapping("/_sandbox/notion/pages")
    Map<String, Object> pages(@RequestParam(name = "database_id", required = false) String databaseId) {
        String id = databaseId == null ? null : NotionIds.dashed(databaseId).orElse(databaseId);
        return Map.of("data", workspace.pages(id).stream().map(NotionController::page).toList());
    }

    @GetMapping("/_sandbox/notion/requests")
    Map<String, Object> requests(@RequestParam(required = false) String token,
            @RequestParam(required = false, defaultValue = "0") long since) {
        List<NotionWorkspace.Request> found = workspace.requests(token, since);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", found.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("atMillis", r.atMillis());
            m.put("method", r.method());
            m.put("path", r.path());
            m.put("status", r.status());
            return m;
        }).toList());
        answer.put("count", found.size());
        answer.put("maxInAnySecond", NotionWorkspace.maxInAnySecond(found));
        return answer;
    }

    /** Notion checks the token, then the version header, before anything else. */
    private static Optional<ResponseEntity<Object>> refusal(Map<String, String> headers) {
        String authorization = header(headers, "authorization");
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim() : "";
        if (!(token.startsWith("secret_") || token.startsWith("ntn_")) || token.length() < 10) {
            return Optional.of(error(HttpStatus.UNAUTHORIZED, "unauthorized", "API token is invalid."));
        }
        String version = header(headers, "notion-version");
        if (version == null) {
            return Optional.of(error(HttpStatus.BAD_REQUEST, "missing_version",
                    "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`."));
        }
        if (!VERSIONS.contains(version)) {
            return Optional.of(error(HttpStatus.BAD_REQUEST, "validation_error",
                    "Notion-Version header failed validation: `" + version + "` is not a valid Notion-Version."));
        }
        return Optional.empty();
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static Optional<ResponseEntity<Object>> invalidProperties(JsonNode properties) {
        if (!properties.isObject()) {
            return Optional.of(error(HttpStatus.BAD_REQUEST, "validation_error",
                    "body failed validation: body.properties should be an object, instead was `" + properties + "`."));
        }
        for (var e : properties.properties()) {
            if (!e.getValue().isObject()) {
                return Optional.of(error(HttpStatus.BAD_REQUEST, "validation_error",
                        "body failed validation: body.properties." + e.getKey() + " should be an object."));
            }
        }
        return Optional.empty();
    }

    /** The text of a title or rich_text property value. */
    private static String plainText(JsonNode value) {
        JsonNode parts = value.has("title") ? value.get("title") : value.path("rich_text");
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            text.append(part.path("text").path("content").asString(part.path("plain_text").asString("")));
        }
        return parts.isArray() ? text.toString() : null;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> database(NotionWorkspace.Database d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", "database");
        m.put("id", d.id());
        m.put("created_time", d.createdTime().toString());
        m.put("title", List.of(Map.of("type", "text", "text", Map.of("content", d.title()), "plain_text", d.title())));
        m.put("properties", Map.of());
        m.put("url", "https://www.notion.so/" + d.id().replace("-", ""));
        return m;
    }

    private static Map<String, Object> page(NotionWorkspace.Page p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", "page");
        m.put("id", p.id());
        m.put("created_time", p.createdTime().toString());
        m.put("last_edited_time", p.lastEditedTime().toString());
        m.put("parent", Map.of("type", "database_id", "database_id", p.databaseId()));
        m.put("archived", false);
        m.put("properties", p.properties());
        m.put("url", "https://www.notion.so/" + p.id().replace("-", ""));
        return m;
    }

    private static ResponseEntity<Object> notFound(String what, String id) {
        return error(HttpStatus.NOT_FOUND, "object_not_found", "Could not find " + what + " with ID: " + id
                + ". Make sure the relevant pages and databases are shared with your integration.");
    }

    static ResponseEntity<Object> error(HttpStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "error");
        body.put("status", status.value());
        body.put("code", code);
        body.put("message", message);
        return ResponseEntity.status(status).body(body);
    }

}
