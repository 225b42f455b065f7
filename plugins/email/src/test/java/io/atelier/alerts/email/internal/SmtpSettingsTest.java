package io.atelier.alerts.email.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.RejectedException;

class SmtpSettingsTest {

    private static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("host", "smtp.example.com");
        m.put("from", "Atelier <alerts@example.com>");
        m.put("recipients", "ana@example.com");
        return m;
    }

    private static String refusal(Map<String, String> values) {
        return assertThrows(RejectedException.class, () -> SmtpSettings.parse(values)).getMessage();
    }

    @Test
    void starttlsOnPort587IsTheDefaultAndEachSecurityHasItsPort() throws Exception {
        SmtpSettings s = SmtpSettings.parse(base());
        assertEquals(Security.STARTTLS, s.security());
        assertEquals(587, s.port());
        assertNull(s.username());
        Map<String, String> tls = base();
        tls.put("security", " TLS ");
        assertEquals(465, SmtpSettings.parse(tls).port());
        Map<String, String> none = base();
        none.put("security", "none");
        assertEquals(25, SmtpSettings.parse(none).port());
        none.put("port", "2525");
        assertEquals(2525, SmtpSettings.parse(none).port());
    }

    @Test
    void recipientsAreSplitTrimmedAndDeduplicated() throws Exception {
        Map<String, String> m = base();
        m.put("recipients", " ana@example.com ,team@example.org, ANA@example.com");
        assertEquals(List.of("ana@example.com", "team@example.org"), SmtpSettings.parse(m).recipientAddresses());
    }

    @Test
    void eachBadRecipientIsNamedByItsPosition() {
        Map<String, String> m = base();
        m.put("recipients", "ana@example.com, not an address");
        assertTrue(refusal(m).startsWith("e-mail settings: recipients[2] 'not an address' is not an e-mail address"));
        m.put("recipients", "ana@example.com,,bob@example.com");
        assertEquals("e-mail settings: recipients[2] is empty (two commas in a row, or one at the end?)", refusal(m));
        m.put("recipients", "ana@example.com, Bob <bob@example.com>");
        assertEquals("e-mail settings: recipients[2] 'Bob <bob@example.com>' has a display name; give the bare address,"
                + " e.g. bob@example.com", refusal(m));
        m.put("recipients", "ana@example.com\r\nBcc: eve@example.com");
        assertEquals("e-mail settings: recipients[1] contains a line break or another control character", refusal(m));
        m.put("recipients", "ana");
        assertTrue(refusal(m).startsWith("e-mail settings: recipients[1] 'ana' is not an e-mail address"), refusal(m));
    }

    @Test
    void tooManyRecipientsAreRefused() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("user").append(i).append("@example.com");
        }
        Map<String, String> m = base();
        m.put("recipients", many.toString());
        assertEquals("e-mail settings: recipients 51 addresses; at most 50 are allowed (use a mailing list address for"
                + " more)", refusal(m));
    }

    @Test
    void missingAndMalformedFieldsAreNamed() {
        Map<String, String> m = base();
        m.remove("host");
        assertEquals("e-mail settings: host is required", refusal(m));
        m = base();
        m.put("host", "smtp.example.com\r\nRCPT TO:<eve@example.com>");
        assertEquals("e-mail settings: host 'smtp.example.com??RCPT TO:<eve@example.com>' is not a host name or an IP"
                + " address", refusal(m));
        m = base();
        m.put("port", "70000");
        assertEquals("e-mail settings: port '70000' is not a port number (1-65535)", refusal(m));
        m = base();
        m.put("security", "ssl");
        assertEquals("e-mail settings: security 'ssl' is not one of none, starttls, tls", refusal(m));
        m = base();
        m.put("username", "alerts");
        assertEquals("e-mail settings: password is required when a user name is given", refusal(m));
        m = base();
        m.put("from", "Atelier <alerts@>");
        assertTrue(refusal(m).startsWith("e-mail settings: from 'Atelier <alerts@>' is not an e-mail address"));
    }

    @Test
    void thePasswordIsNeverShown() throws Exception {
        Map<String, String> m = base();
        m.put("username", "alerts");
        m.put("password", "s3cret-value-42");
        SmtpSettings s = SmtpSettings.parse(m);
        assertEquals("s3cret-value-42", s.password());
        assertFalse(s.toString().contains("s3cret"), s.toString());
        m.put("password", "s3cret\nvalue");
        String refusal = refusal(m);
        assertEquals("e-mail settings: password contains a line break", refusal);
    }
}
