package io.atelier.api.reporting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One part of a report: a title, a table, and how to chart it.
 *
 * <p>Cells are {@code String}, {@code Number} (exact figures are
 * {@code BigDecimal}), {@code java.time.Instant}, {@code java.time.LocalDate},
 * or {@code null} for "not reported" (never a 0 that stands for unknown).
 *
 * <p>How a chart reads the rows:
 * <ul>
 * <li>{@code line} and {@code bar}: column 0 is the label of the x axis (a date, a
 * week), every following column is one series of numbers;</li>
 * <li>{@code heatmap}: column 0 names the row (a weekday), the following columns
 * are its cells (the hours 0 to 23), numbers or {@code null};</li>
 * <li>{@code none}: a table only.</li>
 * </ul>
 *
 * @param title   the section's heading
 * @param note    a sentence for the reader (what a figure means, what a network does
 *                not report), or {@code null}
 * @param columns column headings
 * @param rows    values, one list per row, in column order
 * @param chart   {@code none}, {@code line}, {@code bar} or {@code heatmap}
 */
public record ReportSection(String title, String note, List<String> columns, List<List<Object>> rows, String chart) {

    public static final String NONE = "none";
    public static final String LINE = "line";
    public static final String BAR = "bar";
    public static final String HEATMAP = "heatmap";

    public ReportSection {
        Objects.requireNonNull(title, "title");
        columns = columns == null ? List.of() : List.copyOf(columns);
        rows = rows == null ? List.of()
                : rows.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList();
        chart = chart == null ? NONE : chart;
        if (!List.of(NONE, LINE, BAR, HEATMAP).contains(chart)) {
            throw new IllegalArgumentException("chart: '" + chart + "' is not one of none, line, bar, heatmap");
        }
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("section '" + title + "': a row has " + row.size()
                        + " cells for " + columns.size() + " columns");
            }
        }
    }
}
