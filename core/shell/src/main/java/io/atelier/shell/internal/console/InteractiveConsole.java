package io.atelier.shell.internal.console;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.condition.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.shell.internal.workbench.CommandRegistry;

/**
 * The interactive console of a workbench started in a terminal. It runs only
 * when the launcher sets the framework property {@code atelier.console=true}
 * (stdin and stdout are a terminal), and only once the workbench is ready (the
 * launcher registers the condition {@code atelier.ready} after its ready line),
 * so the prompt follows the boot messages instead of being mixed into them.
 * Otherwise it does nothing at all: no thread, and JLine is not even loaded,
 * which keeps the shell working where JLine is absent.
 */
@Component
public final class InteractiveConsole {

    /** The framework property that turns the console on. */
    public static final String ENABLED = "atelier.console";
    /** The condition the launcher registers once the workbench answers. */
    public static final String READY_CONDITION = "atelier.ready";

    private static final Logger LOG = LoggerFactory.getLogger(InteractiveConsole.class);
    /** How long a stop waits for the console to give the terminal back. */
    private static final long CLOSE_TIMEOUT_MS = 2000;

    private final ConsoleLoop loop;

    /**
     * The condition is a static, greedy reference: when it appears, the component
     * is activated again with it, and only then does the console start.
     */
    @Activate
    public InteractiveConsole(BundleContext context, @Reference CommandProcessor processor,
            @Reference CommandRegistry commands,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
                    target = "(" + Condition.CONDITION_ID + "=" + READY_CONDITION + ")") Condition ready) {
        this.loop = Boolean.parseBoolean(context.getProperty(ENABLED)) && ready != null
                ? start(context, processor, commands) : null;
    }

    private static ConsoleLoop start(BundleContext context, CommandProcessor processor, CommandRegistry commands) {
        try {
            ConsoleLoop loop = new ConsoleLoop(context, processor, commands);
            loop.start();
            return loop;
        } catch (LinkageError e) {
            LOG.warn("No interactive console: the JLine bundle (org.jline) is not available ({}); use bin/atelier exec",
                    e.toString());
            return null;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (loop != null) {
            loop.close(CLOSE_TIMEOUT_MS);
        }
    }
}
