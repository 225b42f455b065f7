package io.atelier.shell.internal.workbench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.atelier.api.workbench.Command;
import io.atelier.api.workbench.CommandResult;
import io.atelier.shell.internal.listening.AlertOperations;
import io.atelier.shell.internal.listening.AlertOperations.AlertView;
import io.atelier.shell.internal.listening.AlertOperations.ChannelView;
import io.atelier.shell.internal.listening.AlertOperations.RuleView;
import io.atelier.shell.internal.rest.ApiException;

/**
 * The console's alert commands ({@code alerts}, {@code alert-ack}, {@code alert-rules},
 * {@code alert-rule-add}, {@code alert-channels}, {@code alerts-now}), on the same
 * operations as the REST API.
 */
@Component
public final class AlertCommands {

    private final AlertOperations alerts;
    private final List<ServiceRegistration<Command>> registrations = new ArrayList<>();

    @Activate
    public AlertCommands(BundleContext context, @Reference AlertOperations alerts) {
        this.alerts = alerts;
        BuiltinCommands.register(context, commands(), registrations);
    }

    @Deactivate
    void deactivate() {
        BuiltinCommands.unregister(registrations);
    }

    List<BuiltinCommands.Builtin> commands() {
        return List.of(
                new BuiltinCommands.Builtin("alerts", "Lists a workspace's alerts, or the open ones",
                        "<workspace> [OPEN|ACKNOWLEDGED]", this::list),
                new BuiltinCommands.Builtin("alert-ack", "Acknowledges an alert: it is taken in hand",
                        "<workspace> <alert>", args -> {
                            List<String> given = PostCommands.exactly(args, 2, "<workspace> <alert>");
                            AlertView alert = alerts.acknowledge(CommandCaller.actor(), given.get(0), given.get(1));
                            return new CommandResult("Alert " + alert.id() + " acknowledged.", alert);
                        }),
                new BuiltinCommands.Builtin("alert-rules", "Lists a workspace's alert rules", "<workspace>",
                        this::rules),
                new BuiltinCommands.Builtin("alert-rule-add", "Adds an alert rule: spike (volume against the same"
                        + " hour of past weeks), negative-surge (bad buzz) or keyword (any new match of a query)",
                        "<workspace> <name> <spike|negative-surge|keyword> [<query id>] [<cool-down minutes>]",
                        this::addRule),
                new BuiltinCommands.Builtin("alert-channels", "Lists where a workspace's alerts go", "<workspace>",
                        this::channels),
                new BuiltinCommands.Builtin("alerts-now", "Evaluates now the alert rules due on this node and"
                        + " delivers the alerts waiting", "", args -> {
                            int raised = alerts.evaluateNow();
                            return new CommandResult(raised == 0 ? "No alert raised." : raised
                                    + " alert(s) raised.", Map.of("raised", raised));
                        }));
    }

    private CommandResult list(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw ApiException.invalid("args", "usage: alerts <workspace> [OPEN|ACKNOWLEDGED]");
        }
        Map<String, String> query = new HashMap<>();
        query.put("limit", "50");
        if (args.size() == 2) {
            query.put("status", args.get(1));
        }
        List<AlertView> list = alerts.alerts(args.get(0), query);
        TextTable table = new TextTable("ID", "RAISED", "KIND", "STATUS", "MENTIONS", "TITLE");
        list.forEach(a -> table.row(a.id(), a.raisedAt(), a.kind(), a.status(), a.evidence(),
                PostCommands.oneLine(a.title())));
        return new CommandResult(list.isEmpty() ? "No alert." : table.toString(), list);
    }

    private CommandResult rules(List<String> args) {
        List<RuleView> rules = alerts.rules(PostCommands.exactly(args, 1, "<workspace>").get(0));
        TextTable table = new TextTable("ID", "NAME", "KIND", "QUERY", "COOL-DOWN", "ON", "LAST ALERT");
        rules.forEach(r -> table.row(r.id(), r.name(), r.kind(), r.query() == null ? "(all)" : r.query(),
                r.coolDownMinutes() + " min", r.enabled() ? "yes" : "no",
                r.lastAlertAt() == null ? "-" : r.lastAlertAt()));
        return new CommandResult(rules.isEmpty() ? "No alert rule yet." : table.toString(), rules);
    }

    private CommandResult addRule(List<String> args) {
        if (args.size() < 3 || args.size() > 5) {
            throw ApiException.invalid("args", "usage: alert-rule-add <workspace> <name> <spike|negative-surge|keyword>"
                    + " [<query id>] [<cool-down minutes>]");
        }
        String query = args.size() > 3 && !args.get(3).matches("\\d+") ? args.get(3) : null;
        String minutes = args.size() == 5 ? args.get(4) : args.size() == 4 && query == null ? args.get(3) : null;
        RuleView rule = alerts.createRule(CommandCaller.actor(), args.get(0), args.get(1), args.get(2), query,
                minutes == null ? null : Integer.valueOf(minutes));
        return new CommandResult("Alert rule " + rule.id() + " added.", rule);
    }

    private CommandResult channels(List<String> args) {
        List<ChannelView> channels = alerts.channels(PostCommands.exactly(args, 1, "<workspace>").get(0));
        TextTable table = new TextTable("ID", "NAME", "SINK", "ON");
        channels.forEach(c -> table.row(c.id(), c.name(), c.sink(), c.enabled() ? "yes" : "no"));
        return new CommandResult(channels.isEmpty() ? "No alert channel yet: alerts are shown in the workbench only."
                : table.toString(), channels);
    }
}
