package io.atelier.itest;

import static io.atelier.itest.Workbench.awaitTrue;
import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

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
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A platform connector registered at runtime is offered by the REST API with
 * everything a person needs to connect an account, and is gone once unregistered.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PlatformsTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @Test
    void aConnectorIsListedWithItsInfoWhileRegistered() {
        Workbench workbench = Workbench.at(http.getServiceReference());
        try (ItestConnector.Registered registered = ItestConnector.register(context)) {
            awaitTrue("GET /api/v1/platforms lists itest", () -> listed(workbench).isPresent());
            JsonObject platform = listed(workbench).orElseThrow();

            assertEquals("Itest Network", text(platform, "name"));
            assertEquals(Set.of("PUBLISH", "METRICS"), strings(platform.getAsJsonArray("capabilities")));
            JsonObject limits = platform.getAsJsonObject("limits");
            assertEquals(300, limits.get("maxLength").getAsInt());
            assertEquals("GRAPHEMES", text(limits, "lengthRule"));
            assertEquals(4, limits.get("maxMedia").getAsInt());
            assertEquals(1_000_000L, limits.get("maxMediaBytes").getAsLong());
            assertEquals(Set.of("image/png"), strings(limits.getAsJsonArray("mediaTypes")));
            assertEquals("APP_PASSWORD", text(platform, "credentialKind"));
            JsonArray credentials = platform.getAsJsonArray("credentials");
            assertEquals(2, credentials.size());
            JsonObject password = credentials.get(0).getAsJsonObject();
            assertEquals("appPassword", text(password, "name"));
            assertEquals("App password", text(password, "label"));
            assertTrue(password.get("secret").getAsBoolean());
            assertTrue(password.get("required").getAsBoolean());
            assertEquals("Settings, then App passwords.", text(password, "help"));
            JsonObject note = credentials.get(1).getAsJsonObject();
            assertEquals("note", text(note, "name"));
            assertFalse(note.get("secret").getAsBoolean());
            assertFalse(note.get("required").getAsBoolean());
            JsonObject rate = platform.getAsJsonObject("ratePolicy");
            assertEquals(4, rate.get("platformConcurrency").getAsInt());
            assertEquals(1, rate.get("accountConcurrency").getAsInt());
            assertEquals(30, rate.get("accountPerMinute").getAsInt());
            assertEquals("io.atelier.itest", text(platform, "plugin"));

            JsonObject single = workbench.get("/api/v1/platforms/" + ItestConnector.ID).expect(200).object();
            assertEquals(platform, single, "GET /api/v1/platforms/itest answers the listed platform");

            registered.close();
            awaitTrue("GET /api/v1/platforms no longer lists itest", () -> listed(workbench).isEmpty());
            workbench.get("/api/v1/platforms/" + ItestConnector.ID).expectError(404, null, "not_found");
        }
    }

    private static Optional<JsonObject> listed(Workbench workbench) {
        for (JsonElement element : workbench.get("/api/v1/platforms").expect(200).array()) {
            if (ItestConnector.ID.equals(text(element.getAsJsonObject(), "id"))) {
                return Optional.of(element.getAsJsonObject());
            }
        }
        return Optional.empty();
    }

    private static Set<String> strings(JsonArray array) {
        Set<String> values = new HashSet<>();
        array.forEach(e -> values.add(e.getAsString()));
        return values;
    }
}
