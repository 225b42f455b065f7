package io.atelier.shell.internal.audit;

import java.io.IOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.atelier.store.AuditRepository.AuditEvent;

/**
 * Audit events as CSV (RFC 4180, Apache Commons CSV), one header line with the
 * JSON member names, then one line per event.
 * <p>
 * A spreadsheet treats a cell that starts with {@code = + - @}, a tab or a
 * carriage return as a formula, so text typed by someone else (a workspace
 * name, a handle) could run as one on the reader's machine. Such a cell is
 * written with a leading apostrophe, which spreadsheets show as text.
 */
public final class AuditCsv {

    /** The columns, named like the members of an event in JSON. */
    public static final List<String> HEADER = List.of("id", "at", "workspaceId", "actorId", "actorLabel", "action",
            "targetType", "targetId", "details", "clientAddress");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader(HEADER.toArray(String[]::new)).get();

    private final CSVPrinter printer;

    /** Starts the CSV on {@code out} with its header line. */
    public AuditCsv(Appendable out) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
    }

    /** Writes one event; {@code null} members are empty cells. */
    public void write(AuditEvent event) throws IOException {
        printer.printRecord(cell(event.id()), cell(event.at().toString()), cell(event.workspaceId()),
                cell(event.actorId()), cell(event.actorLabel()), cell(event.action()), cell(event.targetType()),
                cell(event.targetId()), cell(event.details()), cell(event.clientAddress()));
    }

    /** Hands what is buffered to the output. */
    public void flush() throws IOException {
        printer.flush();
    }

    /** {@code value} safe to open in a spreadsheet: text that would start a formula gets a leading apostrophe. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula ? "'" + value : value;
    }
}
