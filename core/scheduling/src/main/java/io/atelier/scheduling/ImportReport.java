package io.atelier.scheduling;

import java.util.List;
import java.util.Objects;

import io.atelier.api.platform.Problem;

/**
 * What a CSV import found and did.
 *
 * @param rows     how many data rows were read (the header not counted)
 * @param imported how many posts were planned: 0 on a dry run or when any row has a problem
 * @param dryRun   whether it only checked
 * @param problems every problem of every row
 */
public record ImportReport(int rows, int imported, boolean dryRun, List<RowProblem> problems) {

    public ImportReport {
        problems = List.copyOf(problems);
    }

    /** Whether every row can be imported. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * A problem of one row.
     *
     * @param row     the row's number in the file, the header being row 1
     * @param problem the column (or field) and what is wrong
     */
    public record RowProblem(int row, Problem problem) {

        public RowProblem {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
