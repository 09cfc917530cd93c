package io.plinth.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A scripted stand-in for the gateway on a free local port: answers each path from a queue of
 * canned answers (the last one repeats) and records every request it received. It plays the remote
 * server the SDK is a client of; only the SDK's unit tests use it.
 */
final class GatewayStub implements AutoCloseable {

    /** One canned answer; {@code drop} closes the connection without answering, as a lost response. */
    record Answer(int status, String body, Map<String, String> headers, boolean drop) {

        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of(), false);
        }

        static Answer problem(int status, String code, String detail) {
            return new Answer(status, "{\"type\":\"https://plinth.io/problems/" + code + "\",\"title\":\"t\",\"status\":"
                    + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\",\"requestId\":\"req-" + code
                    + "\"}", Map.of("X-Request-Id", "req-" + code), false);
        }

        static Answer dropped() {
            return new Answer(0, null, Map.of(), true);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> merged = new HashMap<>(headers);
            merged.put(name, value);
            return new Answer(status, body, merged, drop);
        }
    }

    /** A request as received. */
    record Received(String method, String path, Map<String, String> headers, String body, long atNanos) {

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Map<String, Deque<Answer>> script = new HashMap<>();
    private final List<Received> received = new ArrayList<>();

    GatewayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests to {@code path} (without query) with these, in order; the last one repeats. */
    synchronized GatewayStub on(String path, Answer... answers) {
        script.put(path, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    synchronized List<Received> requests() {
        return List.copyOf(received);
    }

    synchronized List<Received> requests(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        String path = exchange.getRequestURI().getPath();
        Answer answer;
        synchronized (this) {
            received.add(new Received(exchange.getRequestMethod(), path, headers, body, System.nanoTime()));
            Deque<Answer> answers = script.get(path);
            answer = answers == null ? Answer.problem(404, "not_found", "no route")
                    : answers.size() > 1 ? answers.poll() : answers.peek();
        }
        if (answer.drop()) {
            exchange.close(); // no status line: the client sees the connection end, like a lost response
            return;
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                answer.status() >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
