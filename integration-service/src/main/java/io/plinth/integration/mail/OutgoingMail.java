package io.plinth.integration.mail;

/** One rendered mail, ready for a transport. */
record OutgoingMail(String to, String fromEmail, String fromName, String subject, String text, String html,
        boolean sandboxMode) {

    @Override
    public String toString() {
        // The body may carry a one-time link: never in a log line by accident.
        return "OutgoingMail[to=" + to + ", subject=" + subject + "]";
    }
}
