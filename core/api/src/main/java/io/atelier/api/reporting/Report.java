package io.atelier.api.reporting;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A computed report, independent of its format: what renderers turn into HTML,
 * PDF, CSV or JSON.
 *
 * @param workspaceId   the workspace reported on
 * @param workspaceName its display name (for headings and branding)
 * @param title         the report's title
 * @param from          start of the period, inclusive
 * @param to            end of the period, exclusive
 * @param zone          the zone the period, the days and the hours are read in
 * @param generatedAt   when the report was computed
 * @param sections      the report's parts, in order
 * @param branding      the workspace's logo and accent colour; {@link ReportBranding#NONE} for none
 */
public record Report(String workspaceId, String workspaceName, String title, Instant from, Instant to, ZoneId zone,
        Instant generatedAt, List<ReportSection> sections, ReportBranding branding) {

    public Report {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(generatedAt, "generatedAt");
        workspaceName = workspaceName == null ? workspaceId : workspaceName;
        sections = sections == null ? List.of() : List.copyOf(sections);
        branding = branding == null ? ReportBranding.NONE : branding;
    }

    /** A report without branding. */
    public Report(String workspaceId, String workspaceName, String title, Instant from, Instant to, ZoneId zone,
            Instant generatedAt, List<ReportSection> sections) {
        this(workspaceId, workspaceName, title, from, to, zone, generatedAt, sections, ReportBranding.NONE);
    }
}
