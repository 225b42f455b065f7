package io.atelier.itest;

import static io.atelier.itest.Workbench.awaitTrue;
import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.team.Role;
import io.atelier.api.workbench.Command;
import io.atelier.api.workbench.CommandException;
import io.atelier.api.workbench.CommandResult;
import io.atelier.api.workbench.View;

/**
 * Views and commands are whiteboard services: one registered by any bundle shows up
 * in the REST API and the console while it is registered, and is gone afterwards.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class WhiteboardTest {

    private static final String VIEW = "itest-view";
    private static final String COMMAND = "itest-echo";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @InjectService(timeout = 20_000)
    CommandProcessor console;

    private Workbench workbench;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() {
        workbench = Workbench.at(http.getServiceReference());
    }

    @AfterEach
    void unregister() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the test unregistered it itself
            }
        }
    }

    @Test
    void aViewIsListedAndServedWhileRegistered() {
        ServiceRegistration<View> view = context.registerService(View.class, new View() {
        }, FrameworkUtil.asDictionary(Map.of(
                View.ID, VIEW,
                View.TITLE, "Itest view",
                View.CATEGORY, "Report",
                View.ORDER, 5,
                View.RESOURCES, "/web/itest",
                View.MODULE, "itest-view.js",
                View.ELEMENT, "atelier-itest-view")));
        registrations.add(view);

        awaitTrue("GET /api/v1/views lists " + VIEW, () -> listed("/api/v1/views", "id", VIEW).isPresent());
        JsonObject listed = listed("/api/v1/views", "id", VIEW).orElseThrow();
        assertEquals("Itest view", text(listed, "title"));
        assertEquals("Report", text(listed, "category"));
        assertEquals(5, listed.get("order").getAsInt());
        assertEquals("/views/itest-view/itest-view.js", text(listed, "module"));
        assertEquals("atelier-itest-view", text(listed, "element"));
        assertEquals("io.atelier.itest", text(listed, "plugin"));

        Workbench.Answer module = workbench.get("/views/itest-view/itest-view.js").expect(200);
        assertEquals(resource("/web/itest/itest-view.js"), module.body(), "the module is served from the test bundle");
        assertTrue(module.contentType().contains("javascript"), "served as JavaScript: " + module.contentType());
        for (String escape : List.of("/views/itest-view/%2e%2e/%2e%2e/META-INF/MANIFEST.MF",
                "/views/itest-view/..%2f..%2fMETA-INF%2fMANIFEST.MF",
                "/views/itest-view/%2e%2e/%2e%2e/io/atelier/itest/Workbench.class")) {
            Workbench.Answer outside = workbench.get(escape);
            assertTrue(outside.status() >= 400 && !outside.body().contains("Bundle-SymbolicName"),
                    "nothing outside the view's folder is served: " + escape + " answered " + outside.status());
        }

        view.unregister();
        awaitTrue("GET /api/v1/views no longer lists " + VIEW, () -> listed("/api/v1/views", "id", VIEW).isEmpty());
        assertEquals(404, workbench.get("/views/itest-view/itest-view.js").status(),
                "the module is no longer served");
    }

    @Test
    void theNavigationListsTheViewsEachRoleMayUse() {
        ServiceRegistration<View> adminOnly = context.registerService(View.class, new View() {
        }, FrameworkUtil.asDictionary(Map.of(
                View.ID, "itest-admin-view",
                View.TITLE, "Admin only",
                View.RESOURCES, "/web/itest",
                View.MODULE, "itest-view.js",
                View.ELEMENT, "atelier-itest-admin-view",
                View.PERMISSION, "admin")));
        registrations.add(adminOnly);
        awaitTrue("GET /api/v1/views lists the administrators' view",
                () -> listed("/api/v1/views", "id", "itest-admin-view").isPresent());

        Team team = new Team(workbench);
        String workspace = team.workspace("Navigation");
        Map<Role, Set<String>> seen = new java.util.EnumMap<>(Role.class);
        for (Role role : List.of(Role.CONTRIBUTOR, Role.ANALYST, Role.CLIENT)) {
            Team.Member person = team.person("nav-" + role.name().toLowerCase(java.util.Locale.ROOT), false);
            team.role(workspace, person.id(), role);
            Workbench as = workbench.as(workbench.signIn(person.email(), person.password()));
            Set<String> ids = new java.util.TreeSet<>();
            as.get("/api/v1/views").expect(200).array().forEach(v -> ids.add(text(v.getAsJsonObject(), "id")));
            seen.put(role, ids);
        }
        assertEquals(Set.of("about", "approvals", "calendar", "composer", "inbox", "post", "team", "workspaces"),
                seen.get(Role.CONTRIBUTOR), "the inbox, but not the listening set-up nor the alerts");
        assertEquals(Set.of("about", "alerts", "calendar", "dashboard", "inbox", "listening", "post", "reports", "team",
                "workspaces"), seen.get(Role.ANALYST), "read-only: no composer, no approvals");
        assertEquals(Set.of("about", "approvals", "dashboard", "reports"), seen.get(Role.CLIENT),
                "what is shared with them");
        assertTrue(listed("/api/v1/views", "id", "plugins").isPresent(), "an administrator sees every view");
        Team.Member newcomer = team.person("nav-admin", true);
        Set<String> admin = new java.util.TreeSet<>();
        workbench.as(workbench.signIn(newcomer.email(), newcomer.password())).get("/api/v1/views").expect(200).array()
                .forEach(v -> admin.add(text(v.getAsJsonObject(), "id")));
        assertTrue(admin.containsAll(Set.of("team", "workspaces", "plugins", "itest-admin-view")),
                "an administrator who is a member of no workspace sees them all: " + admin);
    }

    @Test
    void aCommandRunsThroughRestAndConsoleWhileRegistered() throws Exception {
        ServiceRegistration<Command> command = context.registerService(Command.class, this::echo,
                FrameworkUtil.asDictionary(Map.of(
                        Command.NAME, COMMAND,
                        Command.DESCRIPTION, "Repeats its arguments.",
                        Command.USAGE, "<word>...")));
        registrations.add(command);

        awaitTrue("GET /api/v1/commands lists " + COMMAND, () -> listed("/api/v1/commands", "name", COMMAND).isPresent());
        JsonObject listed = listed("/api/v1/commands", "name", COMMAND).orElseThrow();
        assertEquals("Repeats its arguments.", text(listed, "description"));
        assertEquals("<word>...", text(listed, "usage"));
        assertEquals("io.atelier.itest", text(listed, "plugin"));

        JsonObject result = workbench.post("/api/v1/commands/" + COMMAND, "{\"args\":[\"hello\",\"world\"]}")
                .expect(200).object();
        assertEquals("echo: hello world", text(result, "text"));
        JsonArray echoed = result.getAsJsonObject("data").getAsJsonArray("args");
        assertEquals(List.of("hello", "world"), strings(echoed));
        assertEquals(List.of(List.of("hello", "world")), calls);

        workbench.post("/api/v1/commands/" + COMMAND, "{\"args\":[]}")
                .expectError(400, "word", "validation_failed");

        String printed = runInConsole("atelier:" + COMMAND + " arg");
        assertTrue(printed.contains("echo: arg"), "the console shows the command's text: " + printed);
        assertEquals(List.of("arg"), calls.get(calls.size() - 1), "the console passed the argument");
        Exception refused = assertThrows(Exception.class, () -> runInConsole("atelier:" + COMMAND));
        assertEquals("give at least one word (word)", refused.toString(),
                "the console shows a refusal as its message, not as a Java exception");

        command.unregister();
        awaitTrue("GET /api/v1/commands no longer lists " + COMMAND,
                () -> listed("/api/v1/commands", "name", COMMAND).isEmpty());
        workbench.post("/api/v1/commands/" + COMMAND, "{\"args\":[\"hello\"]}").expectError(404, null, "not_found");
        awaitTrue("the console no longer knows atelier:" + COMMAND, () -> {
            try {
                runInConsole("atelier:" + COMMAND + " arg");
                return false;
            } catch (Exception e) {
                return String.valueOf(e.getMessage()).contains("Command not found");
            }
        });
        Exception gone = assertThrows(Exception.class, () -> runInConsole("atelier:" + COMMAND + " arg"));
        assertTrue(gone.getMessage().contains("Command not found"), gone.getMessage());
    }

    private CommandResult echo(List<String> args) throws CommandException {
        calls.add(List.copyOf(args));
        if (args.isEmpty()) {
            throw new CommandException("validation_failed", "give at least one word", "word");
        }
        return new CommandResult("echo: " + String.join(" ", args), Map.of("args", args));
    }

    /** Runs {@code line} in a fresh console session; returns what it printed and returned. */
    private String runInConsole(String line) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandSession session = console.createSession(new ByteArrayInputStream(new byte[0]), out, err);
        try {
            Object returned = session.execute(line);
            return out.toString(StandardCharsets.UTF_8) + "\n" + (returned == null ? "" : String.valueOf(returned));
        } finally {
            session.close();
        }
    }

    private Optional<JsonObject> listed(String path, String key, String value) {
        for (JsonElement element : workbench.get(path).expect(200).array()) {
            if (value.equals(text(element.getAsJsonObject(), key))) {
                return Optional.of(element.getAsJsonObject());
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(e -> values.add(e.getAsString()));
        return values;
    }

    private String resource(String path) {
        try (InputStream in = context.getBundle().getEntry(path).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + path + " from the test bundle", e);
        }
    }
}
