package io.atelier.alerts.email.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLException;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Turns what went wrong talking to an SMTP server into the typed failure the
 * core acts on:
 * <ul>
 * <li>before the message was handed over (no connection, a timeout or a TLS
 * failure while connecting, a {@code 4xx} refusal) — nothing was sent:
 * {@link RetryableException};</li>
 * <li>user name or password refused, authentication required, STARTTLS not
 * offered — the settings must be changed: {@link AuthExpiredException};</li>
 * <li>a recipient or the message refused for good ({@code 5xx}):
 * {@link RejectedException} naming the addresses;</li>
 * <li>the connection lost or silent while the message was being sent — it may
 * have been accepted: {@link OutcomeUnknownException}, so it is not sent twice.</li>
 * </ul>
 * Messages name the server and never the password (see {@link Redaction}).
 */
final class SmtpFailures {

    /** SMTP replies that mean "sign in first" or "those credentials are refused" (RFC 4954). */
    private static final Set<Integer> AUTH_CODES = Set.of(530, 534, 535, 538);
    private static final int MAX_SERVER_WORDS = 300;

    private final String kind;
    private final String server;
    private final String user;
    private final Duration timeout;
    private final Redaction redaction;

    /** @param kind what the message carries, e.g. {@code alert}, for the messages */
    SmtpFailures(SmtpSettings settings, Duration timeout, String kind) {
        this.kind = kind;
        this.server = settings.host() + ":" + settings.port();
        this.user = settings.username();
        this.timeout = timeout;
        this.redaction = Redaction.of(settings);
    }

    /** A failure while connecting, saying hello, starting TLS or signing in: nothing was sent. */
    PlatformException connecting(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new AuthExpiredException(clean("e-mail: " + server + " refused the user name or password of " + user
                    + said(e) + "; correct them in the e-mail settings"), redaction.cause(e));
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("STARTTLS is required")) {
            return new AuthExpiredException(clean("e-mail: " + server + " does not offer STARTTLS; choose security"
                    + " 'tls' (usually port 465) or, for a relay on a trusted network only, 'none'"), redaction.cause(e));
        }
        Throwable root = find(e, SSLException.class);
        if (root != null) {
            return new RetryableException(clean("e-mail: TLS with " + server + " failed (" + describe(root) + "); check"
                    + " the security setting and the server's certificate; nothing was sent"), redaction.cause(e));
        }
        if (find(e, UnknownHostException.class) != null) {
            return new RetryableException(clean("e-mail: the SMTP host " + server + " cannot be resolved; nothing was"
                    + " sent"), redaction.cause(e));
        }
        if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null) {
            return new RetryableException(clean("e-mail: could not connect to " + server + " (" + describe(
                    deepest(e)) + "); nothing was sent"), redaction.cause(e));
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return new RetryableException(clean("e-mail: " + server + " did not answer within " + seconds()
                    + " while connecting; nothing was sent"), redaction.cause(e));
        }
        return new RetryableException(clean("e-mail: could not open a session with " + server + said(e)
                + "; nothing was sent"), redaction.cause(e));
    }

    /** A failure while the envelope or the message was being sent. */
    PlatformException sending(MessagingException e) {
        if (e instanceof SMTPSendFailedException s) {
            // MAIL FROM, DATA or the end of the message refused: the server kept nothing.
            return refusal(s.getReturnCode(), "refused the message" + said(s), e);
        }
        if (e instanceof SendFailedException s) {
            // Recipients refused (for good or for now): the message itself was never sent.
            return recipients(s);
        }
        if (find(e, IOException.class) != null) {
            String what = find(e, SocketTimeoutException.class) != null
                    ? "did not answer within " + seconds() : "dropped the connection (" + describe(deepest(e)) + ")";
            return new OutcomeUnknownException(clean("e-mail: " + server + " " + what + " while the " + kind
                    + " was being sent; it may have been accepted, so sending it again may deliver it twice"), redaction.cause(e));
        }
        return new OutcomeUnknownException(clean("e-mail: sending to " + server + " failed" + said(e)
                + "; it may have been accepted, so sending it again may deliver it twice"), redaction.cause(e));
    }

    private PlatformException recipients(SendFailedException s) {
        List<String> refused = new ArrayList<>();
        boolean temporary = true;
        boolean sawCode = false;
        for (Throwable t : Redaction.chain(s)) {
            if (t instanceof SMTPAddressFailedException a) {
                sawCode = true;
                temporary &= a.getReturnCode() >= 400 && a.getReturnCode() < 500;
                refused.add(a.getAddress().getAddress() + " (" + words(a.getMessage()) + ")");
            }
        }
        if (refused.isEmpty()) {
            for (Address[] addresses : new Address[][] {s.getInvalidAddresses(), s.getValidUnsentAddresses()}) {
                for (Address a : addresses == null ? new Address[0] : addresses) {
                    refused.add(a.toString());
                }
            }
        }
        String list = String.join(", ", refused);
        if (sawCode && temporary) {
            return new RetryableException(clean("e-mail: " + server + " refused the recipients for now: " + list
                    + "; nothing was sent"), redaction.cause(s));
        }
        return new RejectedException(clean("e-mail: " + server + " refused the recipients " + list + "; nothing was"
                + " sent: correct those addresses"), redaction.cause(s));
    }

    private PlatformException refusal(int code, String what, MessagingException e) {
        if (AUTH_CODES.contains(code)) {
            return new AuthExpiredException(clean("e-mail: " + server + " " + what + " and asks to sign in; give a"
                    + " user name and password in the e-mail settings"), redaction.cause(e));
        }
        if (code >= 400 && code < 500) {
            return new RetryableException(clean("e-mail: " + server + " " + what + " for now; nothing was accepted"),
                    redaction.cause(e));
        }
        return new RejectedException(clean("e-mail: " + server + " " + what), redaction.cause(e));
    }

    private String said(MessagingException e) {
        String w = words(e.getMessage());
        return w.isEmpty() ? "" : " (" + w + ")";
    }

    /** A server's or library's words for a message: the secrets blanked first, then made one short line. */
    private String words(String m) {
        return m == null ? "" : Text.oneLine(redaction.text(m), MAX_SERVER_WORDS);
    }

    private String clean(String message) {
        return redaction.text(message);
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private String describe(Throwable t) {
        String m = words(t.getMessage());
        return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }

    private static Throwable deepest(Throwable e) {
        List<Throwable> chain = Redaction.chain(e);
        return chain.get(chain.size() - 1);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t : Redaction.chain(e)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
