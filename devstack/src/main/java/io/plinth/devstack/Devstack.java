package io.plinth.devstack;

public final class Devstack {
    public static void main(String[] args) {
    }
}
