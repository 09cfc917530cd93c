package io.plinth.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The "port already in use" check, done before launching so the message names the culprit. */
final class Ports {

    private Ports() {
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as servers do: a socket in TIME_WAIT does not block them
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(String component, int port) {
        if (!isFree(port)) {
            throw new DevstackException("port " + port + " (" + component + ") is already in use — stop whatever "
                    + "holds it (`ss -ltnp 'sport = :" + port + "'` names it; another Plinth? ./plinth status)");
        }
    }
}
