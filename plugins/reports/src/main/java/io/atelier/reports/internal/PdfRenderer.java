package io.atelier.reports.internal;

import java.awt.Color;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Objects;
import java.util.TimeZone;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.osgi.service.component.annotations.Component;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportBranding;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.reporting.ReportSection;

/**
 * Renders a report as an A4 PDF with Apache PDFBox: the workspace, title and
 * period on top, then each section's heading, note, chart (the same picture as in
 * HTML, embedded as an image) and table, over as many pages as it takes, with
 * "Page i of n" at the bottom. Text uses the bundled DejaVu Sans embedded as a
 * subset, so accented and most non-Latin letters show on any reader; a character
 * the font lacks (an emoji) is printed as {@code ?}.
 */
@Component(property = ReportRenderer.FORMAT + "=" + PdfRenderer.FORMAT)
public final class PdfRenderer implements ReportRenderer {

    static final String FORMAT = "pdf";

    private static final Color ACCENT = new Color(0x00, 0x72, 0xB2);

    private final ChartPainter painter;

    public PdfRenderer() {
        this(new ChartPainter());
    }

    PdfRenderer(ChartPainter painter) {
        this.painter = Objects.requireNonNull(painter, "painter");
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String mediaType() {
        return "application/pdf";
    }

    @Override
    public void render(Report report, OutputStream out) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(out, "out");
        Cells.check(report);
        try (PDDocument document = new PDDocument()) {
            info(document.getDocumentInformation(), report);
            PdfPages pages = new PdfPages(document);
            header(pages, report);
            if (report.sections().isEmpty()) {
                pages.paragraph("This report has no sections.", 10f, PdfPages.MUTED);
            }
            for (ReportSection section : report.sections()) {
                section(pages, section, report);
            }
            pages.finish(report.workspaceName() + " \u00b7 " + report.title());
            // PDFBox closes the stream it saves to; the caller owns this one.
            document.save(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
        }
    }

    private static void info(PDDocumentInformation info, Report report) {
        info.setTitle(report.title());
        info.setAuthor(report.workspaceName());
        info.setSubject(Display.period(report));
        info.setCreator("Atelier");
        info.setProducer("Atelier with Apache PDFBox");
        Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        created.setTimeInMillis(report.generatedAt().toEpochMilli());
        info.setCreationDate(created);
    }

    private static void header(PdfPages pages, Report report) throws IOException {
        ReportBranding branding = report.branding();
        Color accent = branding.accent() == null ? ACCENT : Color.decode(branding.accent());
        if (branding.hasLogo()) {
            try {
                pages.logo(branding.logo(), 40f, 200f);
                pages.down(6);
            } catch (IOException | RuntimeException e) {
                // A logo PDFBox cannot read (a damaged file) is decoration: the report goes without it.
            }
        }
        pages.paragraph(report.workspaceName(), 10f, PdfPages.MUTED);
        pages.down(2);
        pages.paragraph(report.title(), 20f, branding.accent() == null ? PdfPages.TEXT : accent);
        pages.down(2);
        pages.paragraph(Display.period(report), 10.5f, PdfPages.TEXT);
        pages.paragraph(Display.generated(report), 8.5f, PdfPages.MUTED);
        pages.down(6);
        pages.rule(pages.left(), pages.y(), pages.width(), 1.5f, accent);
        pages.down(18);
    }

    private void section(PdfPages pages, ReportSection section, Report report) throws IOException {
        // A heading is never left alone at the bottom of a page.
        pages.keep(14 * 1.35f + 60);
        pages.paragraph(section.title(), 14f, PdfPages.TEXT);
        pages.down(3);
        if (section.note() != null && !section.note().isBlank()) {
            pages.paragraph(section.note(), 9f, PdfPages.MUTED);
            pages.down(4);
        }
        if (!ReportSection.NONE.equals(section.chart())) {
            pages.image(painter.paint(section, report.zone()));
            pages.down(8);
        }
        if (section.rows().isEmpty()) {
            pages.paragraph("No figures for this period.", 9f, PdfPages.MUTED);
        } else {
            PdfTable table = new PdfTable(pages, section, report.zone());
            table.draw();
            if (table.hasMissing()) {
                pages.down(3);
                pages.paragraph(Display.NOT_REPORTED_LEGEND, 8f, PdfPages.MUTED);
            }
        }
        pages.down(20);
    }
}
