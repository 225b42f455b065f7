package io.atelier.reports.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.osgi.service.component.annotations.Component;
import org.owasp.encoder.Encode;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportBranding;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.reporting.ReportSection;

/**
 * Renders a report as one standalone HTML5 page that can be mailed or archived and
 * opened years later: inline CSS, no script and no external resource at all, each
 * chart a PNG in a {@code data:} URL with a text alternative. Every text that comes
 * from the report is escaped with the OWASP Java Encoder (post texts come from the
 * internet), and a Content-Security-Policy forbids scripts besides.
 */
@Component(property = ReportRenderer.FORMAT + "=" + HtmlRenderer.FORMAT)
public final class HtmlRenderer implements ReportRenderer {

    static final String FORMAT = "html";

    private static final String STYLE = """
            :root{color-scheme:light}
            body{font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#222;\
            background:#fff;margin:0 auto;padding:24px 20px 48px;max-width:1000px;line-height:1.45}
            header{border-bottom:2px solid #0072b2;margin-bottom:24px;padding-bottom:12px}
            .workspace{color:#555;font-size:.95rem;margin:0}
            .logo{display:block;max-height:56px;max-width:240px;margin:0 0 8px}
            h1{font-size:1.7rem;margin:.2rem 0 .4rem}
            .period{margin:0;font-weight:600}
            .generated{margin:.2rem 0 0;color:#666;font-size:.85rem}
            section{margin:0 0 36px;break-inside:avoid-page}
            h2{font-size:1.25rem;margin:0 0 .4rem}
            .note{color:#444;margin:0 0 12px;white-space:pre-line}
            figure{margin:0 0 12px}
            figure img{max-width:100%;height:auto;display:block}
            .table{overflow-x:auto}
            table{border-collapse:collapse;font-size:.85rem;min-width:40%}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            thead th{background:#f2f5f8}
            tbody tr:nth-child(even){background:#fafafa}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td.na{text-align:center;color:#888}
            .legend,.empty{color:#666;font-size:.85rem;margin:6px 0 0}
            @media print{body{max-width:none;padding:0}section{break-inside:auto}figure{break-inside:avoid}}
            """;

    private final ChartPainter painter;

    public HtmlRenderer() {
        this(new ChartPainter());
    }

    HtmlRenderer(ChartPainter painter) {
        this.painter = Objects.requireNonNull(painter, "painter");
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String mediaType() {
        return "text/html; charset=UTF-8";
    }

    @Override
    public void render(Report report, OutputStream out) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(out, "out");
        Cells.check(report);
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                // No script can run even if something slipped through: only inline styles and data: images.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;")
                .append(" style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Atelier\">\n")
                .append("<title>").append(text(report.title())).append(" \u2014 ").append(text(report.workspaceName()))
                .append("</title>\n<style>\n").append(STYLE).append(accentStyle(report.branding()))
                .append("</style>\n</head>\n<body>\n<header>\n");
        if (report.branding().hasLogo()) {
            // A data: image, the only kind the page's policy loads; the name beside it says who it is.
            h.append("<img class=\"logo\" alt=\"\" src=\"data:").append(report.branding().logoType())
                    .append(";base64,").append(Base64.getEncoder().encodeToString(report.branding().logo()))
                    .append("\">\n");
        }
        h.append("<p class=\"workspace\">").append(text(report.workspaceName())).append("</p>\n")
                .append("<h1>").append(text(report.title())).append("</h1>\n")
                .append("<p class=\"period\">").append(text(Display.period(report))).append("</p>\n")
                .append("<p class=\"generated\">").append(text(Display.generated(report))).append("</p>\n")
                .append("</header>\n<main>\n");
        if (report.sections().isEmpty()) {
            h.append("<p class=\"empty\">This report has no sections.</p>\n");
        }
        for (ReportSection section : report.sections()) {
            section(h, section, report.zone());
        }
        h.append("</main>\n</body>\n</html>\n");
        out.write(h.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The workspace's accent on the header's rule and the headings; nothing without one. */
    private static String accentStyle(ReportBranding branding) {
        // ReportBranding admits only #rrggbb: nothing else can reach the style sheet.
        return branding.accent() == null ? "" : "header{border-bottom-color:" + branding.accent() + "}h1,h2{color:"
                + branding.accent() + "}\n";
    }

    private void section(StringBuilder h, ReportSection section, ZoneId zone) {
        h.append("<section>\n<h2>").append(text(section.title())).append("</h2>\n");
        if (section.note() != null && !section.note().isBlank()) {
            h.append("<p class=\"note\">").append(text(section.note())).append("</p>\n");
        }
        if (!ReportSection.NONE.equals(section.chart())) {
            BufferedImage chart = painter.paint(section, zone);
            h.append("<figure><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(ChartPainter.png(chart)))
                    .append("\" width=\"").append(chart.getWidth()).append("\" height=\"").append(chart.getHeight())
                    .append("\" alt=\"").append(text(ChartPainter.describe(section))).append("\"></figure>\n");
        }
        if (section.rows().isEmpty()) {
            h.append("<p class=\"empty\">No figures for this period.</p>\n</section>\n");
            return;
        }
        h.append("<div class=\"table\"><table>\n<thead><tr>");
        for (String column : section.columns()) {
            h.append("<th scope=\"col\">").append(text(column)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        boolean missing = false;
        for (List<Object> row : section.rows()) {
            h.append("<tr>");
            for (Object cell : row) {
                String css = cell == null ? " class=\"na\"" : Display.isFigure(cell) ? " class=\"num\"" : "";
                missing |= cell == null;
                h.append("<td").append(css).append('>').append(text(Display.cell(cell, zone))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
        if (missing) {
            h.append("<p class=\"legend\">").append(text(Display.NOT_REPORTED_LEGEND)).append("</p>\n");
        }
        h.append("</section>\n");
    }

    /** Escaped for element content and for double-quoted attribute values alike. */
    private static String text(String s) {
        return Encode.forHtml(s);
    }
}
