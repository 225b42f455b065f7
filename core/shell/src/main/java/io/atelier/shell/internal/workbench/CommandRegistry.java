package io.atelier.shell.internal.workbench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.workbench.Command;
import io.atelier.api.workbench.CommandException;
import io.atelier.api.workbench.CommandResult;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.rest.ApiException;

/**
 * The whiteboard of commands, and the one place that runs them, for the REST
 * API and the console alike. A command's service object is only fetched to run
 * it, so listing commands activates nobody. When two commands share a name the
 * highest-ranked one answers.
 */
@Component(service = CommandRegistry.class)
public final class CommandRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRegistry.class);
    private static final String NAME_PATTERN = "[a-z][a-z0-9-]{0,63}";

    private final BundleContext context;
    private final Map<ServiceReference<Command>, CommandDescription> commands = new ConcurrentHashMap<>();

    @Activate
    public CommandRegistry(BundleContext context) {
        this.context = context;
    }

    @Reference(service = Command.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(ServiceReference<Command> reference) {
        CommandDescription description = describe(reference);
        if (description == null) {
            LOG.warn("Command of {} is left out: {} must match {}", plugin(reference), Command.NAME, NAME_PATTERN);
            return;
        }
        commands.put(reference, description);
    }

    void removeCommand(ServiceReference<Command> reference) {
        commands.remove(reference);
    }

    /** Every command, by name; one per name. */
    public List<CommandDescription> list() {
        return commands.keySet().stream().map(this::winner).distinct()
                .map(commands::get).filter(Objects::nonNull)
                .sorted(Comparator.comparing(CommandDescription::name)).toList();
    }

    /**
     * Runs the command called {@code name} as {@code caller}: the built-in commands
     * act, and are audited, as that caller.
     *
     * @throws ApiException {@code not_found} when there is no such command
     * @throws CommandException what the command reports
     */
    public CommandResult run(String name, List<String> args, Actor caller) throws CommandException {
        ServiceReference<Command> reference = find(name)
                .orElseThrow(() -> ApiException.notFound("name", "no command " + name));
        try {
            return CommandCaller.as(caller, () -> run(reference, args));
        } catch (CommandException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the command registered as {@code reference}. */
    public CommandResult run(ServiceReference<Command> reference, List<String> args) throws CommandException {
        Command command = context.getService(reference);
        if (command == null) {
            throw ApiException.notFound("name", "the command " + reference.getProperty(Command.NAME)
                    + " is no longer available");
        }
        try {
            CommandResult result = command.execute(List.copyOf(args));
            if (result == null) {
                throw new IllegalStateException("command " + reference.getProperty(Command.NAME) + " returned null");
            }
            return result;
        } finally {
            context.ungetService(reference);
        }
    }

    /** The description of a command registration; {@code null} when its name is not valid. */
    static CommandDescription describe(ServiceReference<Command> reference) {
        Object name = reference.getProperty(Command.NAME);
        if (name == null || !name.toString().matches(NAME_PATTERN)) {
            return null;
        }
        return new CommandDescription(name.toString(), text(reference.getProperty(Command.DESCRIPTION)),
                text(reference.getProperty(Command.USAGE)), plugin(reference));
    }

    private Optional<ServiceReference<Command>> find(String name) {
        return commands.entrySet().stream().filter(e -> e.getValue().name().equals(name))
                .map(Map.Entry::getKey).max(Comparator.naturalOrder());
    }

    private ServiceReference<Command> winner(ServiceReference<Command> reference) {
        CommandDescription description = commands.get(reference);
        return description == null ? reference : find(description.name()).orElse(reference);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String plugin(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        return bundle == null ? null : bundle.getSymbolicName();
    }
}
