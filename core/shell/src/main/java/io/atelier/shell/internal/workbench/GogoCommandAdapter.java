package io.atelier.shell.internal.workbench;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.atelier.api.workbench.Command;
import io.atelier.api.workbench.CommandException;

/**
 * Turns every {@link Command} service into a Gogo function {@code atelier:<name>},
 * so bundles offer console commands without importing Gogo. Gogo calls a service
 * that implements {@link Function} directly with the typed arguments; the
 * command runs through {@link CommandRegistry}, like a REST call, and its text is
 * the function's result, which the console prints; what it reports while it runs
 * ({@link CommandProgress}) is printed at once.
 */
@Component
public final class GogoCommandAdapter {

    /** The Gogo scope of every Atelier command. */
    public static final String SCOPE = "atelier";

    private final BundleContext context;
    private final CommandRegistry registry;
    private final Map<ServiceReference<Command>, ServiceRegistration<Function>> functions = new ConcurrentHashMap<>();
    private volatile boolean active = true;

    @Activate
    public GogoCommandAdapter(BundleContext context, @Reference CommandRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    @Reference(service = Command.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(ServiceReference<Command> reference) {
        CommandDescription description = CommandRegistry.describe(reference);
        if (description == null || !active) {
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(CommandProcessor.COMMAND_SCOPE, SCOPE);
        properties.put(CommandProcessor.COMMAND_FUNCTION, description.name());
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        if (ranking instanceof Integer) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        properties.put(Constants.SERVICE_DESCRIPTION, description.description());
        functions.put(reference, context.registerService(Function.class, new CommandFunction(registry, reference),
                properties));
    }

    void removeCommand(ServiceReference<Command> reference) {
        unregister(functions.remove(reference));
    }

    @Deactivate
    void deactivate() {
        active = false;
        functions.keySet().forEach(reference -> unregister(functions.remove(reference)));
    }

    private static void unregister(ServiceRegistration<Function> registration) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // unregistered already, with the bundle that stopped
            }
        }
    }

    /** One command as a Gogo function. */
    private record CommandFunction(CommandRegistry registry, ServiceReference<Command> reference) implements Function {

        @Override
        public Object execute(CommandSession session, List<Object> arguments) throws Exception {
            List<String> args = arguments.stream().map(String::valueOf).toList();
            try {
                return CommandProgress.printingTo(session.getConsole(), () -> registry.run(reference, args).text());
            } catch (CommandException e) {
                throw new ConsoleError(e);
            }
        }
    }

    /**
     * A command's refusal as the console shows it: the console prints an
     * exception's {@code toString()}, which here is the message a person can act
     * on, not a Java class name.
     */
    static final class ConsoleError extends Exception {

        private static final long serialVersionUID = 1L;

        ConsoleError(CommandException cause) {
            super(cause.getMessage() + (cause.field() == null ? "" : " (" + cause.field() + ")"), cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
