package io.plinth.devstack;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

/**
 * A stand-in child process for the supervisor tests: {@code PORT} serves a health endpoint that
 * answers 200; {@code fail} prints an exception the way Spring Boot does and exits with 3.
 */
public final class FakeServiceMain {

    private FakeServiceMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("fail")) {
            System.out.println("Starting FakeService");
            new IllegalStateException("Failed to start",
                    new java.net.ConnectException("Connection refused: localhost:15432")).printStackTrace(System.out);
            System.exit(3);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[0])), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("FakeService listening on " + args[0]);
    }
}
