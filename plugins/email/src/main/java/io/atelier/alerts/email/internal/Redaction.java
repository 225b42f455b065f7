package io.atelier.alerts.email.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the SMTP password out of every message: the password itself and the
 * Base64 forms in which {@code AUTH PLAIN} and {@code AUTH LOGIN} carry it, which
 * a server (or whoever runs a hostile one) could echo back in its answer.
 */
final class Redaction {

    static final String MARK = "[redacted]";

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).distinct().toList();
    }

    /** The redaction of the password of {@code settings}; hides nothing when there is none. */
    static Redaction of(SmtpSettings settings) {
        String password = settings.password();
        if (password == null) {
            return new Redaction(List.of());
        }
        String user = settings.username() == null ? "" : settings.username();
        List<String> s = new ArrayList<>();
        s.add(password);
        s.add(base64(password));
        s.add(base64("\0" + user + "\0" + password));
        s.add(base64(user + "\0" + user + "\0" + password));
        return new Redaction(s);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code text} with every secret replaced by {@value #MARK}. */
    String text(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MARK);
        }
        return out;
    }

    /**
     * {@code cause} itself when no message in its chain shows a secret, else an
     * exception telling the same story with the secrets blanked, so that a logged
     * stack trace leaks nothing either.
     */
    Throwable cause(Throwable cause) {
        if (cause == null) {
            return null;
        }
        boolean leaks = false;
        StringBuilder story = new StringBuilder();
        for (Throwable t : chain(cause)) {
            String m = String.valueOf(t.getMessage());
            leaks |= !text(m).equals(m);
            story.append(story.length() == 0 ? "" : "; caused by ").append(t);
        }
        if (!leaks) {
            return cause;
        }
        IOException copy = new IOException(text(story.toString()));
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }

    /** {@code e} and the exceptions it wraps: causes, and a Jakarta Mail exception's next exceptions; each once. */
    static List<Throwable> chain(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Throwable t = e;
        while (t != null && seen.add(t)) {
            out.add(t);
            Throwable next = t.getCause();
            if (next == null && t instanceof jakarta.mail.MessagingException m) {
                next = m.getNextException();
            }
            t = next;
        }
        return out;
    }
}
