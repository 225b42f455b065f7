package io.atelier.shell.internal.workbench;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.atelier.api.workbench.View;

/**
 * The shell's own views (the editorial calendar's Calendar, Compose, Approvals and Post in
 * the category Publish; Listening and Alerts in Listen; Inbox in Engage; Dashboard and Reports
 * in Report; Workspaces &amp; accounts, Team,
 * Plugins, Audit, About in Settings), registered
 * as ordinary {@link View} services so the shell shows them exactly as it shows
 * any bundle's views. Their modules live in this bundle under {@code web/views/}.
 */
@Component
public final class BuiltinViews {

    /**
     * A built-in view; its module is {@code web/views/<id>/<id>-view.js}.
     *
     * @param permission who sees it in the navigation (see {@link View#PERMISSION}), or {@code null}
     */
    record Builtin(String id, String title, String category, int order, String permission) {

        String element() {
            return "atelier-" + id + "-view";
        }
    }

    static final List<Builtin> VIEWS = List.of(
            new Builtin("calendar", "Calendar", "Publish", 10, "posts.read"),
            new Builtin("composer", "Compose", "Publish", 20, "posts.draft"),
            new Builtin("approvals", "Approvals", "Publish", 25, "posts.approve"),
            new Builtin("post", "Post", "Publish", 30, "posts.read"),
            new Builtin("listening", "Listening", "Listen", 10, "listening.read"),
            new Builtin("alerts", "Alerts", "Listen", 20, "alerts.read"),
            new Builtin("inbox", "Inbox", "Engage", 10, "inbox.read"),
            new Builtin("dashboard", "Dashboard", "Report", 10, "reports.read"),
            new Builtin("reports", "Reports", "Report", 20, "reports.read"),
            new Builtin("workspaces", "Workspaces & accounts", "Settings", 10, "accounts.read"),
            new Builtin("team", "Team", "Settings", 15, "members.read"),
            new Builtin("plugins", "Plugins", "Settings", 20, "admin"),
            new Builtin("audit", "Audit", "Settings", 30, "audit.read"),
            new Builtin("about", "About", "Settings", 90, null));

    private final List<ServiceRegistration<View>> registrations = new ArrayList<>();

    @Activate
    public BuiltinViews(BundleContext context) {
        for (Builtin view : VIEWS) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(View.ID, view.id());
            properties.put(View.TITLE, view.title());
            properties.put(View.CATEGORY, view.category());
            properties.put(View.ORDER, view.order());
            properties.put(View.RESOURCES, "/web/views/" + view.id());
            properties.put(View.MODULE, view.id() + "-view.js");
            properties.put(View.ELEMENT, view.element());
            if (view.permission() != null) {
                properties.put(View.PERMISSION, view.permission());
            }
            registrations.add(context.registerService(View.class, new BuiltinView(), properties));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<View> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // gone with the bundle already
            }
        }
        registrations.clear();
    }

    /** A view is all properties; the object itself carries nothing. */
    private static final class BuiltinView implements View {
    }
}
