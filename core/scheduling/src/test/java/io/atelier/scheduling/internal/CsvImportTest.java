package io.atelier.scheduling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;
import io.atelier.scheduling.ImportReport.RowProblem;
import io.atelier.scheduling.PostInput;
import io.atelier.scheduling.internal.CsvImport.Parsed;
import io.atelier.scheduling.internal.CsvImport.Row;

class CsvImportTest {

    /** Two accounts, known by id and by handle. */
    private static final Map<String, String> ACCOUNTS = Map.of("acc_1", "acc_1", "@acme.bsky.social", "acc_1",
            "acc_2", "acc_2", "@acme@mastodon.social", "acc_2");
    private static final Function<String, Optional<String>> RESOLVER = name -> Optional.ofNullable(ACCOUNTS.get(name));

    /** Ids of the media library: the file names media by id, never by a path of the server. */
    private static final String PHOTO = "med_winter0sale0001";
    private static final String VIDEO = "med_clip00000000001";

    private static Parsed parse(String csv) {
        return CsvImport.parse(new StringReader(csv), RESOLVER, rows -> { });
    }

    private static List<String> fields(Parsed parsed, int row) {
        return parsed.problems().stream().filter(problem -> problem.row() == row)
                .map(problem -> problem.problem().field()).toList();
    }

    @Test
    void aGoodFileGivesOnePostPerRow() {
        String csv = "Text,DATE,time,accounts,zone,media\r\n"
                + "\"Winter sale, today only!\nSee \"\"the\"\" shop\",2026-12-01,09:30,@acme.bsky.social|acc_2,,"
                + PHOTO + " | " + VIDEO + "\r\n"
                + "Second,2026-12-02,9:05:30,acc_1; @acme@mastodon.social  acc_1,America/St_Johns,\r\n";
        Parsed parsed = parse(csv);
        assertEquals(List.of(), parsed.problems());
        assertEquals(2, parsed.rowCount());
        assertEquals(2, parsed.rows().size());

        Row first = parsed.rows().get(0);
        assertEquals(2, first.number());
        PostInput input = first.input();
        assertEquals("Winter sale, today only!\nSee \"the\" shop", input.text());
        assertEquals("2026-12-01T09:30", input.at());
        assertEquals(null, input.zone());
        assertEquals(List.of("acc_1", "acc_2"), input.accounts());
        // Type and size are the library's, filled in when the service plans the row.
        assertEquals(List.of(new Media(PHOTO, "", 0, ""), new Media(VIDEO, "", 0, "")), input.media());
        assertEquals(null, input.recurrence());
        assertEquals(false, input.draft());

        Row second = parsed.rows().get(1);
        assertEquals(3, second.number());
        assertEquals("2026-12-02T09:05:30", second.input().at());
        assertEquals("America/St_Johns", second.input().zone());
        assertEquals(List.of("acc_1", "acc_2"), second.input().accounts(), "each account once");
        assertEquals(List.of(), second.input().media());
    }

    @Test
    void zoneAndMediaColumnsMayBeLeftOut() {
        Parsed parsed = parse("date,time,accounts,text\n2026-12-01,09:30,acc_1,Hello\n");
        assertEquals(List.of(), parsed.problems());
        assertEquals(PostInput.of("Hello", List.of("acc_1"), "2026-12-01T09:30", null), parsed.rows().get(0).input());
    }

    @Test
    void missingColumnsAreOneProblemOnTheHeader() {
        Parsed parsed = parse("date,text,zone\n2026-12-01,Hello,Europe/Paris\n");
        assertEquals(1, parsed.problems().size());
        RowProblem problem = parsed.problems().get(0);
        assertEquals(1, problem.row());
        assertEquals("header", problem.problem().field());
        assertTrue(problem.problem().message().contains("lacks the columns time, accounts:"),
                problem.problem().message());
        assertEquals(List.of(), parsed.rows());
        assertEquals(0, parsed.rowCount());
    }

    @Test
    void aColumnNamedTwiceIsRefused() {
        Parsed parsed = parse("date,time,accounts,text,Text\n2026-12-01,09:30,acc_1,a,b\n");
        assertEquals(List.of(new RowProblem(1, new Problem("header",
                "the header names the column text more than once: keep one of each"))), parsed.problems());
    }

    @Test
    void anEmptyFileIsAProblemOnTheHeader() {
        Parsed parsed = parse("");
        assertEquals(1, parsed.problems().size());
        assertEquals("header", parsed.problems().get(0).problem().field());
    }

    @Test
    void everyProblemOfEveryRowIsCollected() {
        String csv = "date,time,zone,accounts,text,media\n"
                + "2026-12-01,09:30,Europe/Paris,acc_1,Fine,\n"
                + "01/12/2026,25:00,Europe/Pariss,nobody|acc_1,,\n"
                + "2026-02-30,9h30,+02:00,,Text,/etc/passwd\n"
                + ",,,acc_2,Text,file:///srv/notes.png|https://example.com/a.jpg\n"
                + "2026-12-01,09:30,,acc_1,Text,,surplus\n"
                + "2026-12-01,09:30,UTC,acc_1,\"Fine, quoted\"\n"; // one value short: media is optional
        Parsed parsed = parse(csv);
        assertEquals(6, parsed.rowCount());
        assertEquals(List.of(2, 7), parsed.rows().stream().map(Row::number).toList());
        assertEquals(List.of("date", "time", "zone", "accounts", "text"), fields(parsed, 3));
        assertEquals(List.of("date", "time", "zone", "accounts", "media"), fields(parsed, 4));
        assertEquals(List.of("date", "time", "media", "media"), fields(parsed, 5));
        assertEquals(List.of("csv"), fields(parsed, 6));

        List<String> messages = parsed.problems().stream().map(problem -> problem.problem().message()).toList();
        assertTrue(messages.contains("unknown account 'nobody': use the id or the handle of an account of this "
                + "workspace"), messages.toString());
        assertTrue(messages.contains("media '/etc/passwd' is not the id of a medium: upload the file to the"
                + " workspace's media library first and give its id (med_…), several separated by |"),
                messages.toString());
        assertTrue(messages.contains("unknown time zone 'Europe/Pariss': use an IANA name such as Europe/Paris"),
                messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("date '01/12/2026' is not YYYY-MM-DD")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("date '2026-02-30' does not exist")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("time '25:00' does not exist")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("time '9h30' is not HH:MM")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("zone '+02:00' is a fixed offset")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("accounts is empty")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("text is empty")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("date is empty")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("time is empty")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("media 'file:///srv/notes.png' is not the id of")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("media 'https://example.com/a.jpg' is not the id of")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("row 6 has 7 values but the header has 6 columns")));
    }

    @Test
    void separatorsAloneAreNoAccount() {
        Parsed parsed = parse("date,time,accounts,text\n2026-12-01,09:30, | ; ,Hello\n");
        assertEquals(List.of("accounts"), fields(parsed, 2));
    }

    @Test
    void anUnclosedQuoteNamesTheRowWhereReadingStopped() {
        String csv = "date,time,accounts,text\n"
                + "2026-12-01,09:30,acc_1,Fine\n"
                + "2026-12-01,09:30,acc_1,\"Never closed\n"
                + "2026-12-02,09:30,acc_1,Lost\n";
        Parsed parsed = parse(csv);
        assertEquals(List.of(2), parsed.rows().stream().map(Row::number).toList());
        assertEquals(1, parsed.problems().size());
        RowProblem problem = parsed.problems().get(0);
        assertEquals(3, problem.row());
        assertEquals("csv", problem.problem().field());
        assertTrue(problem.problem().message().startsWith("row 3 opens a quoted value that is never closed"),
                problem.problem().message());
    }

    @Test
    void textAfterAClosingQuoteNamesItsRow() {
        String csv = "date,time,accounts,text\n"
                + "2026-12-01,09:30,acc_1,Fine\n"
                + "2026-12-01,09:30,acc_1,Fine too\n"
                + "2026-12-01,09:30,acc_1,\"Quoted\" then not\n";
        Parsed parsed = parse(csv);
        assertEquals(2, parsed.rows().size());
        assertEquals(List.of("csv"), fields(parsed, 4));
        assertTrue(parsed.problems().get(0).problem().message().startsWith("row 4 has text after the closing"));
    }

    @Test
    void blankRowsAreSkippedButKeepTheNumbering() {
        Parsed parsed = parse("date,time,accounts,text\n\n2026-12-01,09:30,acc_1,A\n,,,\n2026-12-01,10:30,acc_1,B\n");
        assertEquals(List.of(), parsed.problems());
        assertEquals(2, parsed.rowCount());
        assertEquals(List.of(3, 5), parsed.rows().stream().map(Row::number).toList());
    }

    @Test
    void quotedValuesWithNewlinesCountAsOneRow() {
        Parsed parsed = parse("date,time,accounts,text\n2026-12-01,09:30,acc_1,\"one\ntwo\nthree\"\n"
                + "2026-12-01,09:30,acc_1,\n");
        assertEquals(List.of(2), parsed.rows().stream().map(Row::number).toList());
        assertEquals("one\ntwo\nthree", parsed.rows().get(0).input().text());
        assertEquals(List.of("text"), fields(parsed, 3));
    }

    @Test
    void aSpreadsheetsByteOrderMarkAndSemicolonsAreUnderstood() {
        Parsed parsed = parse("\uFEFFdate;time;accounts;text\r\n"
                + "2026-12-01;09:30;\"acc_1;acc_2\";\"Bonjour, à tous\"\r\n");
        assertEquals(List.of(), parsed.problems());
        assertEquals(List.of("acc_1", "acc_2"), parsed.rows().get(0).input().accounts());
        assertEquals("Bonjour, à tous", parsed.rows().get(0).input().text());
    }

    @Test
    void tenThousandRowsAreReadQuicklyWithProgress() {
        StringBuilder csv = new StringBuilder("date,time,zone,accounts,text,media\n");
        int total = 10_000;
        for (int i = 0; i < total; i++) {
            csv.append("2027-01-").append(String.format("%02d", 1 + i % 28)).append(',')
                    .append(String.format("%02d:%02d", i % 24, i % 60)).append(",Asia/Kolkata,")
                    .append(i % 2 == 0 ? "acc_1" : "@acme@mastodon.social|acc_1").append(",\"Post number ")
                    .append(i).append(", with a comma\",").append(i % 10 == 0 ? PHOTO : "").append('\n');
        }
        csv.append("2027-01-01,09:00,,ghost,Last one,\n");
        AtomicInteger calls = new AtomicInteger();
        List<Integer> reported = new ArrayList<>();
        long start = System.nanoTime();
        Parsed parsed = CsvImport.parse(new StringReader(csv.toString()), name -> {
            calls.incrementAndGet();
            return RESOLVER.apply(name);
        }, reported::add);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(total + 1, parsed.rowCount());
        assertEquals(total, parsed.rows().size());
        assertEquals(List.of(new RowProblem(total + 2, new Problem("accounts",
                "unknown account 'ghost': use the id or the handle of an account of this workspace"))),
                parsed.problems());
        assertEquals("Post number 9999, with a comma", parsed.rows().get(total - 1).input().text());
        assertEquals(total + 1, parsed.rows().get(total - 1).number());
        assertEquals(3, calls.get(), "each account name is resolved once");
        assertEquals(total / CsvImport.PROGRESS_EVERY + 1, reported.size());
        assertEquals(100, reported.get(0));
        assertEquals(total + 1, reported.get(reported.size() - 1));
        assertTrue(millis < 5_000, "10,000 rows took " + millis + " ms");
    }
}
