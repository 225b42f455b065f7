package io.atelier.shell.internal.workbench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportDelivery.Document;
import io.atelier.api.workbench.Command;
import io.atelier.api.workbench.CommandResult;
import io.atelier.shell.internal.json.Json;
import io.atelier.shell.internal.report.Period;
import io.atelier.shell.internal.report.ReportOperations;
import io.atelier.shell.internal.report.ReportOperations.ObjectiveView;
import io.atelier.shell.internal.report.ReportOperations.PeriodView;
import io.atelier.shell.internal.report.ReportOperations.ScheduleView;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.ErrorCode;
import io.atelier.store.ReportRepository.ObjectiveInput;

/**
 * The console's reporting commands ({@code report}, {@code metrics-now},
 * {@code objectives}, {@code objective-add}, {@code report-schedules},
 * {@code report-send}), on the same operations as the REST API. {@code report}
 * writes the file on the workbench's machine.
 */
@Component
public final class ReportCommands {

    static final String REPORT_USAGE = "<workspace> <from> <to> <format> <file>";
    static final String OBJECTIVE_USAGE = "<workspace> <name> <kpi> <AT_LEAST|AT_MOST> <target>"
            + " <DAY|WEEK|MONTH|QUARTER|YEAR> [within=<PT2H>] [platform=<id>] [account=<id>]";

    private final ReportOperations reports;
    private final List<ServiceRegistration<Command>> registrations = new ArrayList<>();

    @Activate
    public ReportCommands(BundleContext context, @Reference ReportOperations reports) {
        this.reports = reports;
        BuiltinCommands.register(context, commands(), registrations);
    }

    @Deactivate
    void deactivate() {
        BuiltinCommands.unregister(registrations);
    }

    List<BuiltinCommands.Builtin> commands() {
        return List.of(
                new BuiltinCommands.Builtin("report", "Writes a workspace's report of the days [from, to) to a file"
                        + " (dates YYYY-MM-DD; format json or one of the installed renderers', e.g. html, pdf, csv)",
                        REPORT_USAGE, this::report),
                new BuiltinCommands.Builtin("metrics-now", "Reads now the counters of every account whose collection"
                        + " is due", "", args -> {
                            PostCommands.exactly(args, 0, "");
                            int read = reports.collectDue();
                            return new CommandResult(read == 0 ? "No account is due." : read
                                    + " account(s) read.", Map.of("read", read));
                        }),
                new BuiltinCommands.Builtin("objectives", "Lists a workspace's objectives and how the current period"
                        + " fares", "<workspace>", this::objectives),
                new BuiltinCommands.Builtin("objective-add", "Sets an objective: a KPI against a target per period",
                        OBJECTIVE_USAGE, this::addObjective),
                new BuiltinCommands.Builtin("report-schedules", "Lists the reports a workspace sends on a schedule",
                        "<workspace>", this::schedules),
                new BuiltinCommands.Builtin("report-send", "Sends a scheduled report now", "<workspace> <schedule>",
                        args -> {
                            List<String> given = PostCommands.exactly(args, 2, "<workspace> <schedule>");
                            ScheduleView schedule = reports.sendSchedule(CommandCaller.actor(), given.get(0),
                                    given.get(1));
                            int sent = reports.sendDue();
                            return new CommandResult("Report schedule " + schedule.id() + " is due now; " + sent
                                    + " scheduled report(s) sent.", Map.of("schedule", schedule.id(), "sent", sent));
                        }));
    }

    private CommandResult report(List<String> args) {
        List<String> given = PostCommands.exactly(args, 5, REPORT_USAGE);
        String workspaceId = given.get(0);
        Period period = Period.of(required(given.get(1), "from"), required(given.get(2), "to"),
                reports.today(workspaceId));
        String format = given.get(3).strip().toLowerCase(java.util.Locale.ROOT);
        Path file = path(given.get(4));
        Report report;
        byte[] content;
        if (format.equals(ReportOperations.JSON)) {
            report = reports.report(workspaceId, period);
            content = Json.write(report).getBytes(StandardCharsets.UTF_8);
        } else {
            reports.checkFormat(format); // before the report is computed
            report = reports.report(workspaceId, period);
            try {
                Document document = reports.render(report, format);
                content = document.content();
            } catch (IOException e) {
                throw new ApiException(ErrorCode.INTERNAL_ERROR, "the " + format + " renderer failed: "
                        + e.getMessage(), "format");
            }
        }
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw ApiException.invalid("file", "cannot write " + file + ": " + e.getMessage());
        }
        return new CommandResult("Wrote the report of " + period.from() + " to " + period.to() + " (" + format + ", "
                + content.length + " bytes) to " + file.toAbsolutePath() + ".", Map.of("file",
                        file.toAbsolutePath().toString(), "bytes", content.length, "format", format));
    }

    private static String required(String value, String field) {
        if (value.isBlank() || value.equals("-")) {
            throw ApiException.invalid(field, field + " is required: a date such as 2026-11-01");
        }
        return value;
    }

    private static Path path(String name) {
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            throw ApiException.invalid("file", "'" + name + "' is not a file path");
        }
        if (Files.isDirectory(path)) {
            throw ApiException.invalid("file", path + " is a folder; name the file to write");
        }
        return path;
    }

    private CommandResult objectives(List<String> args) {
        List<ObjectiveView> objectives = reports.objectives(PostCommands.exactly(args, 1, "<workspace>").get(0));
        TextTable table = new TextTable("ID", "NAME", "OBJECTIVE", "CURRENT PERIOD", "OUTCOME", "VALUE");
        for (ObjectiveView o : objectives) {
            PeriodView last = o.periods().isEmpty() ? null : o.periods().get(o.periods().size() - 1);
            table.row(o.id(), PostCommands.oneLine(o.name()), o.kpi() + ("AT_MOST".equals(o.comparison()) ? " ≤ "
                    : " ≥ ") + o.target().toPlainString() + " per " + o.granularity(),
                    last == null ? "-" : last.from() + " – " + last.to(), last == null ? "-" : last.outcome(),
                    last == null ? "-" : last.value() != null ? last.value().toPlainString()
                            : PostCommands.oneLine(last.detail()));
        }
        return new CommandResult(objectives.isEmpty() ? "No objective yet." : table.toString(), objectives);
    }

    private CommandResult addObjective(List<String> args) {
        if (args.size() < 6 || args.size() > 9) {
            throw ApiException.invalid("args", "usage: objective-add " + OBJECTIVE_USAGE);
        }
        BigDecimal target;
        try {
            target = new BigDecimal(args.get(4).strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("target", "target must be a number such as 4.5, not '" + args.get(4) + "'");
        }
        Duration within = null;
        String platform = null;
        String account = null;
        for (String option : args.subList(6, args.size())) {
            int equals = option.indexOf('=');
            String name = equals < 0 ? option : option.substring(0, equals);
            String value = equals < 0 ? "" : option.substring(equals + 1).strip();
            switch (name) {
                case "within" -> {
                    try {
                        within = Duration.parse(value);
                    } catch (DateTimeParseException e) {
                        throw ApiException.invalid("within", "within must be an ISO-8601 duration such as PT2H");
                    }
                }
                case "platform" -> platform = value;
                case "account" -> account = value;
                default -> throw ApiException.invalid("args", "'" + option + "' is not within=, platform= or"
                        + " account=");
            }
        }
        ObjectiveView objective = reports.createObjective(CommandCaller.actor(), args.get(0), new ObjectiveInput(
                args.get(1), args.get(2), args.get(3), target, args.get(5), within, platform, account));
        return new CommandResult("Objective " + objective.id() + " set.", objective);
    }

    private CommandResult schedules(List<String> args) {
        List<ScheduleView> schedules = reports.schedules(PostCommands.exactly(args, 1, "<workspace>").get(0));
        TextTable table = new TextTable("ID", "NAME", "PERIOD", "FORMAT", "CHANNEL", "RECIPIENTS", "ON", "NEXT",
                "LAST ERROR");
        schedules.forEach(s -> table.row(s.id(), PostCommands.oneLine(s.name()), s.period(), s.format(), s.channel(),
                String.join(",", s.recipients()), s.enabled() ? "yes" : "no", s.nextRunAt(),
                s.lastError() == null ? "" : PostCommands.oneLine(s.lastError())));
        return new CommandResult(schedules.isEmpty() ? "No scheduled report yet." : table.toString(), schedules);
    }
}
