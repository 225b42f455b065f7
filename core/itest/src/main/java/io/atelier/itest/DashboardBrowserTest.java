package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.team.Role;

/**
 * The Dashboard view in a real Chromium: an owner of a workspace whose account
 * reported its followers opens it, and its charts are drawn by Chart.js (each
 * canvas has pixels painted), its heatmap is a table, the workspace's name made of
 * markup stays text, and a screenshot is saved as
 * {@code target/screenshots/dashboard.png}. Then a workspace without metrics shows
 * the empty state rather than empty charts, and the Reports view generates a report
 * with its HTML preview and download links and makes a share link shown once
 * ({@code reports.png}).
 */
class DashboardBrowserTest {

    /** Markup that would set window.__xss if it ever became part of the page. */
    private static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\"> Boulangerie";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @AfterEach
    void unregister() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    @Test
    void theDashboardDrawsItsChartsAndSaysWhenThereIsNothingYet() throws Exception {
        Workbench admin = Workbench.at(http.getServiceReference());
        Team team = new Team(admin);
        ReportsRestTest.Counting network = new ReportsRestTest.Counting();
        registrations.add(context.registerService(PlatformConnector.class, network,
                FrameworkUtil.asDictionary(Map.of(PlatformConnector.PLATFORM_ID, ReportsRestTest.Counting.ID))));
        registrations.add(context.registerService(ReportRenderer.class, new ReportsRestTest.Renderer("html",
                "text/html; charset=utf-8"), FrameworkUtil.asDictionary(Map.of(ReportRenderer.FORMAT, "html"))));
        Workbench.awaitTrue("the network is offered",
                () -> admin.get("/api/v1/platforms/" + ReportsRestTest.Counting.ID).status() == 200);
        String ws = workspace(admin, HOSTILE);
        String empty = workspace(admin, Team.unique("Nothing yet"));
        JsonObject account = new JsonObject();
        account.addProperty("platform", ReportsRestTest.Counting.ID);
        account.addProperty("handle", Team.unique("boulangerie") + ".test");
        admin.post("/api/v1/workspaces/" + ws + "/accounts", account).expect(201);
        Workbench.awaitTrue("the followers are read", () -> {
            admin.post("/api/v1/commands/metrics-now", new JsonObject()).expect(200);
            return admin.get("/api/v1/workspaces/" + ws + "/metrics").expect(200).object().getAsJsonArray("days")
                    .size() > 0;
        });
        Team.Member owner = team.person("owner", false);
        team.role(ws, owner.id(), Role.OWNER);
        team.role(empty, owner.id(), Role.OWNER);
        Workbench.Credentials session = admin.signIn(owner.email(), owner.password());

        Path screenshots = Path.of(context.getProperty("atelier.home")).getParent().resolve("screenshots");
        try (Chromium chromium = Chromium.start()) {
            chromium.open(admin.base().resolve("api/v1/health"));
            chromium.cookie(Workbench.SESSION_COOKIE, session.cookie());
            chromium.open(admin.base().resolve("#/view/dashboard?ws=" + ws + "&days=30"));
            String view = "document.querySelector('atelier-dashboard-view')";
            try {
                chromium.awaitTrue("the charts to be drawn", "const v = " + view + "; return !!v && v.dataset.workspace"
                        + " === '" + ws + "' && Number(v.dataset.drawn) > 0;", PATIENCE);
            } finally {
                chromium.screenshot(screenshots.resolve("dashboard.png"));
            }
            JsonArray canvases = chromium.script("return [...document.querySelectorAll('atelier-dashboard-view"
                    + " .report-chart canvas')].map(c => { const d = c.getContext('2d').getImageData(0, 0, c.width,"
                    + " c.height).data; let painted = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0)"
                    + " painted++; return { width: c.width, height: c.height, painted, chart:"
                    + " c.closest('figure').dataset.chart }; });").getAsJsonArray();
            assertTrue(canvases.size() >= 2, "a line and a bar chart at least: " + canvases);
            List<String> kinds = new ArrayList<>();
            for (JsonElement canvas : canvases) {
                JsonObject c = canvas.getAsJsonObject();
                kinds.add(text(c, "chart"));
                assertTrue(c.get("width").getAsInt() > 100 && c.get("height").getAsInt() > 100, c.toString());
                assertTrue(c.get("painted").getAsInt() > 500, "the canvas is drawn on: " + c);
            }
            assertTrue(kinds.contains("line") && kinds.contains("bar"), kinds.toString());
            assertEquals(true, chromium.script("return document.querySelectorAll('atelier-dashboard-view"
                    + " figure[data-chart=heatmap] table.heatmap td').length > 0;").getAsBoolean(),
                    "the heatmap is a table of cells");
            assertEquals(true, chromium.script("return [...document.querySelectorAll('atelier-dashboard-view"
                    + " .dashboard-summary table')].length > 0;").getAsBoolean(), "the summary is a table");
            assertEquals(HOSTILE, chromium.script("return " + view + ".querySelector('select[name=workspace]"
                    + " option:checked').textContent;").getAsString(), "the name shows as text");
            assertEquals("undefined", chromium.script("return typeof window.__xss;").getAsString(),
                    "no markup of the name ran");

            // Only the address's parameters change: the shell opens the view afresh.
            chromium.open(admin.base().resolve("#/view/dashboard?ws=" + empty + "&days=7"));
            chromium.awaitTrue("the empty state", "const v = " + view + "; return !!v && v.dataset.workspace === '"
                    + empty + "' && !!v.querySelector('.dashboard-empty');", PATIENCE);
            assertEquals(0L, chromium.script("return " + view + ".querySelectorAll('canvas').length;").getAsLong(),
                    "no empty chart is drawn");
            chromium.screenshot(screenshots.resolve("dashboard-empty.png"));

            chromium.open(admin.base().resolve("#/view/reports?ws=" + ws));
            String reports = "document.querySelector('atelier-reports-view')";
            chromium.awaitTrue("the Reports view", "const v = " + reports + "; return !!v &&"
                    + " !!v.querySelector('form#report-period') && !!v.querySelector('form#report-share-add');",
                    PATIENCE);
            chromium.script(reports + ".querySelector('form#report-period button[type=submit]').click(); return true;");
            chromium.awaitTrue("the preview and the downloads", "const v = " + reports + "; return"
                    + " !!v.querySelector('iframe.report-preview') && !!v.querySelector('a.report-download"
                    + "[data-format=html]') && !!v.querySelector('a.report-download[data-format=json]');", PATIENCE);
            String preview = chromium.script("return " + reports + ".querySelector('iframe.report-preview')"
                    + ".getAttribute('src');").getAsString();
            assertTrue(preview.startsWith("/api/v1/workspaces/" + ws + "/reports?") && preview.contains("format=html")
                    && preview.contains("inline=true"), preview);
            assertEquals("", chromium.script("return " + reports + ".querySelector('iframe.report-preview')"
                    + ".getAttribute('sandbox');").getAsString(), "the preview runs in a sandbox");
            chromium.script(reports + ".querySelector('form#report-share-add button[type=submit]').click();"
                    + " return true;");
            chromium.awaitTrue("the share link, shown once", "const v = " + reports + "; const i ="
                    + " v.querySelector('input.share-url'); return !!i && i.value.includes('/api/v1/shared/reports/');",
                    PATIENCE);
            String link = chromium.script("return " + reports + ".querySelector('input.share-url').value;")
                    .getAsString();
            assertTrue(admin.anonymous().get(URI.create(link).getPath()).expect(200).body().contains(ws),
                    "the link shown opens the report without a session");
            chromium.screenshot(screenshots.resolve("reports.png"));
        }
        assertTrue(Files.size(screenshots.resolve("dashboard.png")) > 10_000, "a screenshot of the drawn dashboard");
    }

    private static String workspace(Workbench admin, String name) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.addProperty("zone", "Europe/Paris");
        return text(admin.post("/api/v1/workspaces", body).expect(201).object(), "id");
    }
}
