package io.atelier.scheduling.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;
import io.atelier.scheduling.ImportReport.RowProblem;
import io.atelier.scheduling.InvalidInputException;
import io.atelier.scheduling.PostInput;

/**
 * Reads a CSV file of posts to plan, one post a row, under the header
 * {@code date,time,zone,accounts,text,media} (any order, any case; {@code zone} and
 * {@code media} may be left out). It checks what can be checked from the file alone —
 * the shape of dates and times, zone names, accounts, media ids, empty texts — and
 * collects every problem of every row, so a person fixes the file once. Whether a
 * time exists in its zone, is in the future and fits each network is the service's
 * check, made on the {@link Row rows} returned.
 *
 * <p>The file is read as a stream: a row is checked and then only its
 * {@link PostInput} is kept. The delimiter is a comma, or a semicolon or a tab when the
 * header uses one of those and no comma (as spreadsheets set to some languages write).
 */
final class CsvImport {

    /** The columns, in the order of the documented header. */
    static final List<String> COLUMNS = List.of("date", "time", "zone", "accounts", "text", "media");

    private static final Set<String> REQUIRED = Set.of("date", "time", "accounts", "text");

    /** How often, in rows, {@code progress} is told. */
    static final int PROGRESS_EVERY = 100;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern ACCOUNT_SEPARATORS = Pattern.compile("[|;\\s]+");
    private static final Pattern MEDIA_SEPARATOR = Pattern.compile("\\|");

    /** What a media library id looks like; whether it exists is checked later. */
    private static final Pattern MEDIA_ID = Pattern.compile("med_[A-Za-z0-9]{1,36}");

    /** The longest header line looked at to choose the delimiter. */
    private static final int HEADER_PEEK = 64 * 1024;

    private CsvImport() {
    }

    /**
     * A row without problems, ready for the service.
     *
     * @param number the row's number in the file, the header being row 1
     * @param input  the post it asks for; {@code at} is the local date-time read in {@code zone}
     */
    record Row(int number, PostInput input) {
    }

    /**
     * What the file holds.
     *
     * @param rows     the rows without problems, in file order
     * @param problems every problem of every row, in file order
     * @param rowCount how many data rows were read (the header and empty rows not counted)
     */
    record Parsed(List<Row> rows, List<RowProblem> problems, int rowCount) {

        Parsed {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads every row. The reader is not closed: it belongs to the caller.
     *
     * @param accountResolver an account's id or handle as written in the file to the account's id; empty when
     *                        there is no such account
     * @param progress        told the number of data rows read so far every {@value #PROGRESS_EVERY} rows, and
     *                        once at the end
     * @throws UncheckedIOException when the reader itself fails (not when the CSV is malformed: that is a problem)
     */
    static Parsed parse(Reader reader, Function<String, Optional<String>> accountResolver, IntConsumer progress) {
        BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Row> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        int rowCount = 0;
        try {
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter(buffered))
                    .setIgnoreSurroundingSpaces(true)
                    // Kept so that row numbers stay those a spreadsheet shows; blank rows are skipped below.
                    .setIgnoreEmptyLines(false)
                    .get();
            CSVParser parser = CSVParser.parse(buffered, format);
            Iterator<CSVRecord> records = parser.iterator();
            long lastRow = 0;
            try {
                if (!records.hasNext()) {
                    problems.add(new RowProblem(1, new Problem("header", "the file is empty: its first row must be "
                            + "the header " + String.join(",", COLUMNS))));
                    progress.accept(0);
                    return new Parsed(rows, problems, 0);
                }
                CSVRecord headerRecord = records.next();
                lastRow = headerRecord.getRecordNumber();
                Columns columns = Columns.of(headerRecord, problems);
                if (columns == null) {
                    progress.accept(0);
                    return new Parsed(rows, problems, 0);
                }
                RowReader rowReader = new RowReader(columns, accountResolver);
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    lastRow = record.getRecordNumber();
                    if (isBlank(record)) {
                        continue;
                    }
                    rowCount++;
                    rowReader.read(record, rows, problems);
                    if (rowCount % PROGRESS_EVERY == 0) {
                        progress.accept(rowCount);
                    }
                }
            } catch (UncheckedIOException failure) {
                if (!(failure.getCause() instanceof CSVException malformed)) {
                    throw failure;
                }
                problems.add(new RowProblem(Math.toIntExact(lastRow + 1),
                        new Problem("csv", brokenMessage(lastRow + 1, malformed))));
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        progress.accept(rowCount);
        return new Parsed(rows, problems, rowCount);
    }

    /** A semicolon or a tab when the header line has one and no comma; else a comma. */
    private static char delimiter(BufferedReader reader) throws IOException {
        reader.mark(HEADER_PEEK);
        char[] peek = new char[HEADER_PEEK];
        int length = 0;
        for (int read; length < peek.length && (read = reader.read(peek, length, peek.length - length)) > 0;) {
            length += read;
            if (indexOfLineEnd(peek, length) >= 0) {
                break;
            }
        }
        reader.reset();
        int end = indexOfLineEnd(peek, length);
        String header = new String(peek, 0, end < 0 ? length : end);
        if (header.indexOf(',') >= 0) {
            return ',';
        }
        if (header.indexOf(';') >= 0) {
            return ';';
        }
        return header.indexOf('\t') >= 0 ? '\t' : ',';
    }

    private static int indexOfLineEnd(char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            if (chars[i] == '\n' || chars[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String brokenMessage(long row, CSVException malformed) {
        String why = malformed.getMessage() == null ? "" : malformed.getMessage();
        if (why.contains("EOF reached before encapsulated token finished")) {
            return "row " + row + " opens a quoted value that is never closed, so the rest of the file cannot be read: "
                    + "end the value with a \" and write each \" inside it as \"\"";
        }
        if (why.contains("Invalid character between encapsulated token and delimiter")) {
            return "row " + row + " has text after the closing \" of a quoted value: put the whole value in quotes "
                    + "and write each \" inside it as \"\"";
        }
        return "row " + row + " cannot be read as CSV (" + why + "): check its quotes";
    }

    /** Where each column is in the file. */
    private record Columns(Map<String, Integer> index, int width) {

        /** The columns of the header, or {@code null} after adding the header's problem. */
        static Columns of(CSVRecord header, List<RowProblem> problems) {
            Map<String, Integer> index = new HashMap<>();
            List<String> duplicates = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (i == 0 && name.startsWith("\uFEFF")) {
                    // A byte order mark some spreadsheets write before the first column's name.
                    name = name.substring(1).strip();
                }
                if (COLUMNS.contains(name) && index.putIfAbsent(name, i) != null) {
                    duplicates.add(name);
                }
            }
            List<String> missing = REQUIRED.stream().filter(name -> !index.containsKey(name))
                    .sorted((a, b) -> COLUMNS.indexOf(a) - COLUMNS.indexOf(b)).toList();
            if (!missing.isEmpty()) {
                problems.add(new RowProblem(1, new Problem("header", "the header lacks the column"
                        + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                        + ": the first row must name the columns date,time,zone,accounts,text,media "
                        + "(zone and media may be left out), in any order")));
                return null;
            }
            if (!duplicates.isEmpty()) {
                problems.add(new RowProblem(1, new Problem("header", "the header names the column"
                        + (duplicates.size() == 1 ? " " : "s ") + String.join(", ", duplicates)
                        + " more than once: keep one of each")));
                return null;
            }
            return new Columns(Map.copyOf(index), header.size());
        }

        String get(CSVRecord record, String column) {
            Integer i = index.get(column);
            return i == null || i >= record.size() ? "" : record.get(i).strip();
        }
    }

    /** Checks rows one by one, remembering the answers that repeat from row to row. */
    private static final class RowReader {

        private final Columns columns;
        private final Function<String, Optional<String>> accountResolver;
        private final Map<String, Optional<String>> accounts = new HashMap<>();
        private final Map<String, String> zoneProblems = new HashMap<>();

        RowReader(Columns columns, Function<String, Optional<String>> accountResolver) {
            this.columns = columns;
            this.accountResolver = accountResolver;
        }

        void read(CSVRecord record, List<Row> rows, List<RowProblem> problems) {
            int number = Math.toIntExact(record.getRecordNumber());
            int before = problems.size();
            if (record.size() > columns.width()) {
                problems.add(new RowProblem(number, new Problem("csv", "row " + number + " has " + record.size()
                        + " values but the header has " + columns.width() + " columns: put a value that contains "
                        + "a comma in double quotes")));
            }
            LocalDate date = date(columns.get(record, "date"), number, problems);
            LocalTime time = time(columns.get(record, "time"), number, problems);
            String zone = zone(columns.get(record, "zone"), number, problems);
            List<String> accountIds = accounts(columns.get(record, "accounts"), number, problems);
            String text = columns.get(record, "text");
            if (text.isEmpty()) {
                problems.add(new RowProblem(number, new Problem("text", "text is empty: write the post's text")));
            }
            List<Media> media = media(columns.get(record, "media"), number, problems);
            if (problems.size() == before) {
                String at = LocalDateTime.of(date, time).toString();
                rows.add(new Row(number, new PostInput(text, media, accountIds, null, at, zone, false, false, false,
                        null)));
            }
        }

        private static LocalDate date(String value, int number, List<RowProblem> problems) {
            if (value.isEmpty()) {
                problems.add(new RowProblem(number, new Problem("date", "date is empty: write it as YYYY-MM-DD, "
                        + "e.g. 2026-12-01")));
                return null;
            }
            if (DATE.matcher(value).matches()) {
                try {
                    return LocalDate.parse(value);
                } catch (DateTimeParseException impossible) {
                    problems.add(new RowProblem(number, new Problem("date", "date '" + value + "' does not exist: "
                            + "check the month and the day")));
                    return null;
                }
            }
            problems.add(new RowProblem(number, new Problem("date", "date '" + value + "' is not YYYY-MM-DD: write "
                    + "it as 2026-12-01 (format the column as text if a spreadsheet changes it)")));
            return null;
        }

        private static LocalTime time(String value, int number, List<RowProblem> problems) {
            if (value.isEmpty()) {
                problems.add(new RowProblem(number, new Problem("time", "time is empty: write it as HH:MM, "
                        + "e.g. 09:30")));
                return null;
            }
            Matcher matcher = TIME.matcher(value);
            if (matcher.matches()) {
                try {
                    return LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                            matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)));
                } catch (DateTimeException impossible) {
                    problems.add(new RowProblem(number, new Problem("time", "time '" + value + "' does not exist: "
                            + "hours go from 00 to 23, minutes and seconds from 00 to 59")));
                    return null;
                }
            }
            problems.add(new RowProblem(number, new Problem("time", "time '" + value + "' is not HH:MM: write it "
                    + "as 09:30 or 09:30:00, on a 24-hour clock")));
            return null;
        }

        /** The zone as written, {@code null} when blank (the workspace's zone then applies). */
        private String zone(String value, int number, List<RowProblem> problems) {
            if (value.isEmpty()) {
                return null;
            }
            String problem = zoneProblems.computeIfAbsent(value, name -> {
                try {
                    PlanTime.zone(name, null);
                    return "";
                } catch (InvalidInputException refused) {
                    return refused.getMessage();
                }
            });
            if (!problem.isEmpty()) {
                problems.add(new RowProblem(number, new Problem("zone", problem)));
            }
            return value;
        }

        private List<String> accounts(String value, int number, List<RowProblem> problems) {
            Set<String> ids = new LinkedHashSet<>();
            boolean named = false;
            for (String name : ACCOUNT_SEPARATORS.split(value)) {
                if (name.isEmpty()) {
                    continue;
                }
                named = true;
                Optional<String> id = accounts.computeIfAbsent(name, accountResolver);
                if (id.isPresent()) {
                    ids.add(id.get());
                } else {
                    problems.add(new RowProblem(number, new Problem("accounts", "unknown account '" + name
                            + "': use the id or the handle of an account of this workspace")));
                }
            }
            if (!named) {
                problems.add(new RowProblem(number, new Problem("accounts", "accounts is empty: name at least one "
                        + "account by its id or handle, several separated by |")));
            }
            return List.copyOf(ids);
        }

        /**
         * The media of a row: ids of the workspace's media library ({@code med_…}),
         * several separated by {@code |}. Whether each is in the library, and its type
         * and size, is the service's check; the file never names a file of the server.
         */
        private static List<Media> media(String value, int number, List<RowProblem> problems) {
            List<Media> media = new ArrayList<>();
            if (value.isEmpty()) {
                return media;
            }
            for (String item : MEDIA_SEPARATOR.split(value)) {
                String id = item.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (!MEDIA_ID.matcher(id).matches()) {
                    problems.add(new RowProblem(number, new Problem("media", "media '" + id + "' is not the id of"
                            + " a medium: upload the file to the workspace's media library first and give its id"
                            + " (med_…), several separated by |")));
                    continue;
                }
                media.add(new Media(id, "", 0, ""));
            }
            return media;
        }
    }
}
