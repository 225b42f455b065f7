package io.atelier.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.ServiceReference;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atelier.sdk.tck.InFelix;

/**
 * The packaged bundle inside a real Felix 7 with SCR, next to the API bundle and
 * its run-time bundles only (PDFBox with FontBox, pdfbox-io and Commons Logging;
 * Gson; Commons CSV with Commons IO and Codec): it resolves, registers its four
 * renderers with their {@code atelier.report.format}, and each renders in the
 * framework on a thread without context class loader, the PDF with its chart
 * (AWT, ImageIO) and its bundled font. The test reaches the renderers by reflection
 * only, so the framework's classes and this class path never meet.
 */
class ReportsInFelixIT {

    private InFelix felix;
    private Bundle reports;
    private Bundle api;

    @BeforeEach
    void startFelix() throws Exception {
        felix = InFelix.start("atelier.reports.bundle", "gson-", "commons-logging-", "pdfbox-io-", "fontbox-",
                "pdfbox-3", "commons-io-", "commons-codec-", "commons-csv-");
        reports = felix.plugin();
        api = felix.api();
    }

    @AfterEach
    void stopFelix() throws Exception {
        if (felix != null) {
            felix.close();
        }
    }

    @Test
    void theFourRenderersAreRegisteredWithTheirFormat() throws Exception {
        assertEquals("io.atelier.reports", reports.getSymbolicName());
        Map<String, Object> renderers = renderers();
        assertEquals(List.of("csv", "html", "json", "pdf"), renderers.keySet().stream().sorted().toList());
        for (Map.Entry<String, Object> e : renderers.entrySet()) {
            Method format = api.loadClass("io.atelier.api.reporting.ReportRenderer").getMethod("format");
            assertEquals(e.getKey(), format.invoke(e.getValue()), "format() agrees with the service property");
        }
        // PDFBox comes from its own bundle, not from a copy inside this one.
        Class<?> document = reports.loadClass("org.apache.pdfbox.pdmodel.PDDocument");
        assertEquals("org.apache.pdfbox", ((BundleReference) document.getClassLoader()).getBundle().getSymbolicName());
    }

    @Test
    void thePdfRendersInTheFrameworkWithItsChartAndFont() throws Exception {
        byte[] pdf = render(renderers().get("pdf"));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Café de l'été"), text);
            assertTrue(text.contains("Réactions") && text.contains("0.0650") && text.contains("-4"), text);
            PDResources resources = document.getPage(0).getResources();
            int images = 0;
            for (COSName name : resources.getXObjectNames()) {
                images += resources.isImageXObject(name) ? 1 : 0;
            }
            assertEquals(1, images, "the chart is an image");
            COSName font = resources.getFontNames().iterator().next();
            assertTrue(resources.getFont(font).getName().endsWith("+DejaVuSans"), "the bundled font is embedded");
        }
    }

    @Test
    void theOtherFormatsRenderInTheFrameworkToo() throws Exception {
        Map<String, Object> renderers = renderers();
        String html = new String(render(renderers.get("html")), StandardCharsets.UTF_8);
        assertTrue(html.contains("<img src=\"data:image/png;base64,") && html.contains("Café de l&#39;été"), html);
        List<CSVRecord> csv = CSVFormat.RFC4180.parse(new StringReader(new String(render(renderers.get("csv")),
                StandardCharsets.UTF_8))).getRecords();
        assertEquals("Réactions", csv.get(0).get(0));
        assertEquals(List.of("2026-03-02", "-4", "0.0650"), csv.get(3).toList());
        JsonObject json = JsonParser.parseString(new String(render(renderers.get("json")), StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertEquals("Café de l'été", json.get("title").getAsString());
    }

    /** The renderers by their {@code atelier.report.format}, once SCR has registered all four. */
    private Map<String, Object> renderers() throws Exception {
        BundleContext ctx = felix.context();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            // getAllServiceReferences: the system bundle sees this class path's API, so the
            // class-compatible lookup would hide the bundle's services (STACK.md pitfall 5).
            ServiceReference<?>[] refs = ctx.getAllServiceReferences("io.atelier.api.reporting.ReportRenderer", null);
            if (refs != null && refs.length == 4) {
                Map<String, Object> byFormat = new HashMap<>();
                for (ServiceReference<?> ref : refs) {
                    assertSame(reports, ref.getBundle());
                    Object renderer = ctx.getService(ref);
                    assertNotNull(renderer, "SCR could not activate " + ref);
                    byFormat.put((String) ref.getProperty("atelier.report.format"), renderer);
                }
                return byFormat;
            }
            Thread.sleep(50);
        }
        return fail("the four renderers were not registered within 10 s");
    }

    /** A one-section report built from the API bundle's classes, rendered on a thread without context loader. */
    private byte[] render(Object renderer) throws Exception {
        Class<?> sectionType = api.loadClass("io.atelier.api.reporting.ReportSection");
        Class<?> reportType = api.loadClass("io.atelier.api.reporting.Report");
        Object section = sectionType.getConstructor(String.class, String.class, List.class, List.class, String.class)
                .newInstance("Réactions", "Likes per day.", List.of("Day", "Likes", "Rate"),
                        List.of(Arrays.asList("2026-03-01", 12, null),
                                Arrays.asList("2026-03-02", -4, new java.math.BigDecimal("0.0650"))),
                        "bar");
        Object report = reportType.getConstructor(String.class, String.class, String.class, Instant.class,
                Instant.class, ZoneId.class, Instant.class, List.class).newInstance("ws_1", "Atelier", "Café de l'été",
                Instant.parse("2026-02-28T23:00:00Z"), Instant.parse("2026-03-31T22:00:00Z"),
                ZoneId.of("Europe/Paris"), Instant.parse("2026-04-01T06:00:00Z"), List.of(section));
        Method render = api.loadClass("io.atelier.api.reporting.ReportRenderer").getMethod("render", reportType,
                OutputStream.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(null);
        try {
            render.invoke(renderer, report, out);
        } finally {
            t.setContextClassLoader(previous);
        }
        assertTrue(out.size() > 0);
        return out.toByteArray();
    }
}
