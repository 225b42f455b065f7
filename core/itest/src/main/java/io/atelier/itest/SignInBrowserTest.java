package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import com.google.gson.JsonArray;

import io.atelier.api.team.Role;

/**
 * Adding an account by signing in on the network, in a real Chromium: the
 * Workspaces view hides the handle for such a platform, its button leaves for the
 * network (which here consents at once), and the browser comes back to the view,
 * which says the account is connected and lists it under the name the network gave.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class SignInBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @Test
    void theAccountFormLeavesForTheNetworkAndComesBackConnected() throws Exception {
        Workbench admin = Workbench.at(http.getServiceReference());
        try (SignInConnector.Registered network = SignInConnector.register(context)) {
            network.connector().consentAt = admin.base();
            network.connector().user = "browser-alice";
            Workbench.awaitTrue("the sign-in platform is listed",
                    () -> admin.get("/api/v1/platforms/" + SignInConnector.ID).status() == 200);
            Team team = new Team(admin);
            String ws = team.workspace("Browser sign-in");
            Team.Member manager = team.person("signin-browser", false);
            team.role(ws, manager.id(), Role.MANAGER);
            Workbench.Credentials session = admin.signIn(manager.email(), manager.password());
            Path screenshots = Path.of(context.getProperty("atelier.home")).getParent().resolve("screenshots");

            try (Chromium chromium = Chromium.start()) {
                chromium.open(admin.base().resolve("api/v1/health"));
                chromium.cookie(Workbench.SESSION_COOKIE, session.cookie());
                chromium.open(admin.base().resolve("#/view/workspaces?ws=" + ws));
                String form = "[...document.querySelectorAll('atelier-workspaces-view form.panel')]"
                        + ".find(f => f.elements.platform)";
                chromium.awaitTrue("the account form", "const f = " + form + "; return !!f && [...f.elements.platform"
                        + ".options].some(o => o.value === '" + SignInConnector.ID + "');", PATIENCE);
                chromium.script("const f = " + form + "; f.elements.platform.value = '" + SignInConnector.ID + "';"
                        + " f.elements.platform.dispatchEvent(new Event('change')); return true;");
                assertTrue(chromium.script("const f = " + form + "; return f.elements.handle.closest('label').hidden"
                        + " && f.querySelector('button[type=submit]').textContent === 'Sign in with Sign-in Network';")
                        .getAsBoolean(), "the network gives the handle: nothing to type");
                chromium.script("const f = " + form + "; f.elements['credentials.clientId'].value = 'browser-app';"
                        + " f.requestSubmit(); return true;");

                String message = "document.querySelector('atelier-workspaces-view .message')";
                try {
                    chromium.awaitTrue("back, connected", "const m = " + message + "; return !!m && m.textContent"
                            + ".includes('signed in and connected') && !!document.querySelector("
                            + "'atelier-workspaces-view tr[data-account]');", PATIENCE);
                } finally {
                    chromium.screenshot(screenshots.resolve("sign-in.png"));
                }
                assertTrue(chromium.script("return location.hash;").getAsString().contains("signedIn="));
                assertTrue(chromium.script("return " + message + ".textContent;").getAsString()
                        .contains("Account browser-alice (" + SignInConnector.ID + ") signed in"), "named by handle");
                assertEquals("browser-alice", chromium.script("return document.querySelector("
                        + "'atelier-workspaces-view tr[data-account] td:nth-child(2)').textContent;").getAsString());
            }
            JsonArray accounts = admin.get("/api/v1/workspaces/" + ws + "/accounts").expect(200).array();
            assertEquals(1, accounts.size());
            assertEquals("browser-alice", text(accounts.get(0).getAsJsonObject(), "handle"));
            assertEquals("browser-app", network.connector().verified.get(network.connector().verified.size() - 1)
                    .asMap().get("clientId"));
        }
    }
}
