package io.atelier.shell.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.atelier.store.AuditRepository.AuditEvent;

class AuditCsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaStartWithAnApostrophe() {
        for (String dangerous : List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")")) {
            assertEquals("'" + dangerous, AuditCsv.cell(dangerous), dangerous);
        }
        for (String harmless : List.of("a=1", "Ann", "ws_1", "2030-01-01T10:00:00Z", " =x", "'quoted")) {
            assertEquals(harmless, AuditCsv.cell(harmless), harmless);
        }
        assertEquals("", AuditCsv.cell(null));
    }

    @Test
    void eventsParseBackWithCommonsCsv() throws Exception {
        AuditEvent plain = new AuditEvent("evt_1", Instant.parse("2030-01-01T10:00:00.123456Z"), "ws_a", "usr_a",
                "ann@example.com", "account.added", "account", "acc_1", "bluesky \"ann\", line\nbreak", "::1");
        AuditEvent sparse = new AuditEvent("evt_2", Instant.parse("2030-01-01T09:00:00Z"), null, "system", "system",
                "plugin.started", null, null, "=cmd|' /C calc'!A0", null);
        StringWriter out = new StringWriter();
        AuditCsv csv = new AuditCsv(out);
        csv.write(plain);
        csv.write(sparse);
        csv.flush();

        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
        assertEquals(2, records.size());
        assertEquals(AuditCsv.HEADER, records.get(0).getParser().getHeaderNames());
        CSVRecord first = records.get(0);
        assertEquals(List.of("evt_1", "2030-01-01T10:00:00.123456Z", "ws_a", "usr_a", "ann@example.com",
                "account.added", "account", "acc_1", "bluesky \"ann\", line\nbreak", "::1"), first.toList());
        CSVRecord second = records.get(1);
        assertEquals("", second.get("workspaceId"));
        assertEquals("'=cmd|' /C calc'!A0", second.get("details"));
    }
}
