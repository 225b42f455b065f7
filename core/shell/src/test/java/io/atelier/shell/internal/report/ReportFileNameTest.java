package io.atelier.shell.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.atelier.api.reporting.ReportDelivery.Document;
import io.atelier.shell.internal.rest.Download;

class ReportFileNameTest {

    private static String name(String given) {
        return ReportOperations.fileName(new Document(given, "application/pdf", new byte[0]), "pdf");
    }

    @Test
    void aRenderersFileNameIsKeptToWhatADownloadMayBeNamed() {
        assertEquals("report-Caf-Lumi-re-2026-11-01-2026-12-01.pdf", name("report Café Lumière 2026-11-01 2026-12-01.pdf"));
        assertEquals("-etc-passwd.pdf", name("\"/etc/passwd.pdf"));
        assertEquals("report.pdf", name("«»"));
        String longName = name("x".repeat(300) + ".pdf");
        assertEquals(100, longName.length());
        assertTrue(longName.endsWith(".pdf"), "the extension stays: " + longName);
        // Whatever the renderer says, the name is one a Download accepts.
        new Download("application/pdf", name("a\r\nContent-Type: text/html"), out -> { });
    }

    @Test
    void anHtmlReportGetsItsStrictPolicyInlineOrSavedOtherFormatsTheWorkbenchs() {
        Download inline = Download.report("text/html; charset=utf-8", "r.html", true, new byte[] {1});
        assertEquals(Download.REPORT_POLICY, inline.policy());
        assertTrue(inline.inline());
        assertEquals(Download.REPORT_POLICY, Download.report("text/html", "r.html", false, new byte[0]).policy());
        assertTrue(Download.REPORT_POLICY.contains("default-src 'none'")
                && Download.REPORT_POLICY.contains("img-src data:")
                && Download.REPORT_POLICY.contains("frame-ancestors 'self'"));
        assertEquals(null, Download.report("application/pdf", "r.pdf", false, new byte[0]).policy());
        assertEquals(Download.INLINE_POLICY, Download.inline("image/png", "m.png", new byte[0]).policy(),
                "uploaded media keep their sandbox");
    }
}
