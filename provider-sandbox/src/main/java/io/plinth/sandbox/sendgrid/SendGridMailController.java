package io.plinth.sandbox.sendgrid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SendGrid's v3 Mail Send, {@code POST /v3/mail/send}, as SendGrid answers it: a known Bearer key, a body of
 * {@code {personalizations:[{to:[{email,name}], dynamic_template_data?}], from:{email,name}, subject, content:[{type,
 * value}], template_id?, mail_settings:{sandbox_mode:{enable}}}} → 202, empty, with {@code X-Message-Id}; with
 * sandbox mode on, 200 and nothing delivered (SendGrid validates and drops it); a body SendGrid would refuse → 400
 * {@code {"errors":[{"field","message"}]}}; a bad key → 401. Faults apply ({@code /v3/**}).
 *
 * <p>Delivered messages land in a mailbox that people and tests read: {@code GET /_sandbox/sendgrid/mailbox?to=}
 * (also {@code /_sandbox/sendgrid/messages?to=}) → {@code {data:[{messageId, to, from, subject, text, html,
 * templateId, sentAt}]}}, newest first.
 */
@RestController
class SendGridMailController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    record Message(String messageId, String to, String from, String subject, String text, String html,
            String templateId, Instant sentAt) {
    }

    private final SendGridKeys keys;
    private final int keep;
    private final Deque<Message> mailbox = new ConcurrentLinkedDeque<>();

    SendGridMailController(SendGridKeys keys, @Value("${plinth.sandbox.sendgrid.keep-messages:10000}") int keep) {
        this.keys = keys;
        this.keep = keep;
    }

    @PostMapping("/v3/mail/send")
    ResponseEntity<Object> send(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody(required = false) String body) {
        Optional<ResponseEntity<Object>> refused = keys.refusal(authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode mail;
        try {
            mail = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (RuntimeException e) {
            mail = null;
        }
        if (mail == null || !mail.isObject()) {
            return SendGridKeys.error(HttpStatus.BAD_REQUEST, null, "Bad Request");
        }
        Optional<ResponseEntity<Object>> invalid = validate(mail);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (mail.path("mail_settings").path("sandbox_mode").path("enable").asBoolean(false)) {
            return ResponseEntity.ok().build();
        }
        String messageId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        String from = mail.path("from").path("email").asString();
        String subject = mail.path("subject").asString(null);
        String text = content(mail, "text/plain");
        String html = content(mail, "text/html");
        String templateId = mail.path("template_id").asString(null);
        for (JsonNode p : mail.get("personalizations")) {
            for (JsonNode to : p.get("to")) {
                mailbox.addFirst(new Message(messageId, to.get("email").asString(), from,
                        p.hasNonNull("subject") ? p.get("subject").asString() : subject, text, html, templateId, Instant.now()));
            }
        }
        while (mailbox.size() > keep) {
            mailbox.pollLast();
        }
        return ResponseEntity.accepted().header("X-Message-Id", messageId).build();
    }

    @GetMapping({"/_sandbox/sendgrid/mailbox", "/_sandbox/sendgrid/messages"})
    Map<String, Object> mailbox(@RequestParam(required = false) String to) {
        List<Message> data = new ArrayList<>();
        for (Message m : mailbox) {
            if (to == null || m.to().equalsIgnoreCase(to)) {
                data.add(m);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        return answer;
    }

    /** The checks SendGrid makes before it accepts a message, with its field paths and messages. */
    private static Optional<ResponseEntity<Object>> validate(JsonNode mail) {
        JsonNode personalizations = mail.get("personalizations");
        if (personalizations == null || !personalizations.isArray() || personalizations.isEmpty()) {
            return bad("personalizations", "The personalizations field is required and must have at least one personalization.");
        }
        for (int i = 0; i < personalizations.size(); i++) {
            JsonNode to = personalizations.get(i).get("to");
            if (to == null || !to.isArray() || to.isEmpty()) {
                return bad("personalizations." + i + ".to", "The to array is required for all personalization objects, and must have at least one email object with a valid email address.");
            }
            for (int j = 0; j < to.size(); j++) {
                if (!validEmail(to.get(j).path("email"))) {
                    return bad("personalizations." + i + ".to." + j + ".email", "Does not contain a valid address.");
                }
            }
        }
        if (!mail.path("from").isObject() || !mail.path("from").hasNonNull("email")) {
            return bad("from.email", "The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.");
        }
        if (!validEmail(mail.path("from").path("email"))) {
            return bad("from.email", "The from email does not contain a valid address.");
        }
        boolean template = mail.hasNonNull("template_id");
        if (!template && (!mail.hasNonNull("subject") || mail.get("subject").asString("").isBlank())) {
            return bad("subject", "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.");
        }
        JsonNode content = mail.get("content");
        if (!template && (content == null || !content.isArray() || content.isEmpty())) {
            return bad("content", "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.");
        }
        if (content != null && content.isArray()) {
            for (int k = 0; k < content.size(); k++) {
                if (content.get(k).path("value").asString("").isEmpty()) {
                    return bad("content." + k + ".value", "The content value must be a string at least one character in length.");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean validEmail(JsonNode email) {
        return email.isString() && EMAIL.matcher(email.asString()).matches();
    }

    private static Optional<ResponseEntity<Object>> bad(String field, String message) {
        return Optional.of(SendGridKeys.error(HttpStatus.BAD_REQUEST, field, message));
    }

    private static String content(JsonNode mail, String type) {
        for (JsonNode c : mail.path("content")) {
            if (type.equals(c.path("type").asString())) {
                return c.path("value").asString();
            }
        }
        return null;
    }
}
