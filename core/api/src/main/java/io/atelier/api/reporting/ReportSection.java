package io.atelier.api.reporting;

import java.util.List;
import java.util.Objects;

/**
 * One part of a report: a title, a table, and how to chart it.
 *
 * @param title   the section's heading
 * @param columns column headings
 * @param rows    values, one list per row, in column order (strings, numbers, instants)
 * @param chart   {@code none}, {@code line}, {@code bar} or {@code heatmap}
 */
public record ReportSection(String title, List<String> columns, List<List<Object>> rows, String chart) {

    public ReportSection {
        Objects.requireNonNull(title, "title");
        columns = columns == null ? List.of() : List.copyOf(columns);
        rows = rows == null ? List.of() : rows.stream().map(List::copyOf).toList();
        chart = chart == null ? "none" : chart;
    }
}
