package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.team.Role;
import io.atelier.store.MetricsRepository;
import io.atelier.store.MetricsRepository.Reading;
import io.atelier.store.MetricsRepository.SubjectKind;

/**
 * Best times to post in a real Chromium. An account's measured posts of the last
 * weeks are written to the store as the collector writes them: three published on
 * Tuesdays at 18:xx with 30, 40 and 50 likes, two on Thursdays at 09:xx with 10 and
 * 12, one on a Saturday at 12:xx with 5 (Europe/Paris). The composer offers
 * Tuesday 18:00, Thursday 09:00 and Saturday 12:00, in that order; picking the first
 * sets the post's time to the next Tuesday 18:00 of the workspace's zone; an
 * account with no measured post says its best times are not known yet. Then the
 * queue editor proposes the same three hours as slots, and once saved "Add to
 * queue" would use the first of them to come.
 */
class BestTimesBrowserTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String NODE = "itest-best-times";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @InjectService(timeout = 20_000)
    MetricsRepository metrics;

    @Test
    void theComposerOffersTheBestHoursAndTheQueueTakesThemAsSlots() throws Exception {
        Workbench admin = Workbench.at(http.getServiceReference());
        try (PostsConnector.Registered platform = PostsConnector.register(context, admin)) {
            JsonObject body = new JsonObject();
            body.addProperty("name", Team.unique("Best times"));
            body.addProperty("zone", PARIS.getId());
            String ws = text(admin.post("/api/v1/workspaces", body).expect(201).object(), "id");
            String measured = account(admin, ws, Team.unique("bakery"));
            String fresh = account(admin, ws, Team.unique("newcomer"));
            measure(measured);

            Team team = new Team(admin);
            Team.Member owner = team.person("owner", false);
            team.role(ws, owner.id(), Role.OWNER);
            Workbench.Credentials session = admin.signIn(owner.email(), owner.password());
            Path screenshots = Path.of(context.getProperty("atelier.home")).getParent().resolve("screenshots");
            try (Chromium chromium = Chromium.start()) {
                chromium.open(admin.base().resolve("api/v1/health"));
                chromium.cookie(Workbench.SESSION_COOKIE, session.cookie());
                chromium.open(admin.base().resolve("#/view/composer?ws=" + ws));
                String view = "document.querySelector('atelier-composer-view')";
                chromium.awaitTrue("the composer", "const v = " + view + "; return !!v && !!v.querySelector("
                        + "'input[name=accounts][value=\"" + measured + "\"]');", PATIENCE);
                chromium.script(view + ".querySelector('input[name=accounts][value=\"" + measured + "\"]').click();"
                        + view + ".querySelector('input[name=accounts][value=\"" + fresh + "\"]').click(); return true;");
                String line = view + ".querySelector('p.best-times[data-account=\"" + measured + "\"]')";
                String freshLine = view + ".querySelector('p.best-times[data-account=\"" + fresh + "\"]')";
                try {
                    chromium.awaitTrue("the best times of both accounts", "return !!" + line + " && "
                            + line + ".querySelectorAll('button.best-time').length === 3 && !!" + freshLine + ";",
                            PATIENCE);
                } finally {
                    chromium.screenshot(screenshots.resolve("composer-best-times.png"));
                }
                JsonArray offered = chromium.script("return [..." + line + ".querySelectorAll('button.best-time')]"
                        + ".map(b => b.dataset.day + ' ' + b.dataset.hour);").getAsJsonArray();
                assertEquals(List.of("TUESDAY 18", "THURSDAY 9", "SATURDAY 12"), strings(offered),
                        "best first: mean likes 40, 11, 5");
                assertTrue(chromium.script("return " + freshLine + ".textContent;").getAsString()
                        .contains("not known yet"), "an account without measured posts says so");

                chromium.script(line + ".querySelector('button.best-time').click(); return true;");
                LocalDateTime nextTuesday = next(DayOfWeek.TUESDAY, 18);
                assertEquals(nextTuesday.toString(), chromium.script("return " + view
                        + ".querySelector('input[name=at]').value;").getAsString(), "the next Tuesday 18:00");
                assertEquals(PARIS.getId(), chromium.script("return " + view
                        + ".querySelector('select[name=zone]').value;").getAsString(), "in the workspace's zone");

                // The queue editor proposes the same hours; saved, they are the queue.
                chromium.open(admin.base().resolve("#/view/workspaces?ws=" + ws + "&queue=" + measured));
                String editor = "document.querySelector('atelier-workspaces-view form#queue-editor')";
                chromium.awaitTrue("the queue editor", "return !!" + editor + ";", PATIENCE);
                chromium.script(editor + ".querySelector('[data-action=propose-slots]').click(); return true;");
                chromium.awaitTrue("the proposed slots", "return " + editor
                        + ".querySelectorAll('tr.queue-slot-proposed').length === 3;", PATIENCE);
                chromium.script(editor + ".requestSubmit(); return true;");
                String queuePath = "/api/v1/workspaces/" + ws + "/accounts/" + measured + "/queue";
                Workbench.awaitTrue("the queue is saved",
                        () -> admin.get(queuePath).expect(200).object().getAsJsonArray("slots").size() == 3);
                List<String> slots = new ArrayList<>();
                for (JsonElement slot : admin.get(queuePath).expect(200).object().getAsJsonArray("slots")) {
                    slots.add(text(slot.getAsJsonObject(), "day") + " " + text(slot.getAsJsonObject(), "time"));
                }
                assertEquals(Set.of("TUESDAY 18:00", "THURSDAY 09:00", "SATURDAY 12:00"), Set.copyOf(slots),
                        slots.toString());
                chromium.screenshot(screenshots.resolve("queue-best-times.png"));

                LocalDateTime first = List.of(nextTuesday, next(DayOfWeek.THURSDAY, 9), next(DayOfWeek.SATURDAY, 12))
                        .stream().min(LocalDateTime::compareTo).orElseThrow();
                JsonObject slot = admin.get("/api/v1/workspaces/" + ws + "/queue/next?accounts=" + measured).expect(200)
                        .object();
                assertEquals(first, LocalDateTime.parse(text(slot, "localAt")), "the queue's next slot: " + slot);
            }
        }
    }

    private static String account(Workbench admin, String ws, String handle) {
        JsonObject account = new JsonObject();
        account.addProperty("platform", PostsConnector.ID);
        account.addProperty("handle", handle);
        return text(admin.post("/api/v1/workspaces/" + ws + "/accounts", account).expect(201).object(), "id");
    }

    /**
     * Writes the account's post counters as a collection does: the network connector
     * of this test does not measure, so the store is leased to this test alone.
     */
    private void measure(String accountId) {
        Instant now = Instant.now();
        List<MetricsRepository.Collection> claimed = metrics.claimCollections(NODE, Set.of(PostsConnector.ID), now,
                now.plusSeconds(60), 100);
        assertTrue(claimed.stream().anyMatch(c -> c.accountId().equals(accountId)), "the account is leased: " + claimed);
        List<Reading> readings = new ArrayList<>();
        post(readings, DayOfWeek.TUESDAY, 1, 18, 30, now);
        post(readings, DayOfWeek.TUESDAY, 2, 18, 40, now);
        post(readings, DayOfWeek.TUESDAY, 3, 18, 50, now);
        post(readings, DayOfWeek.THURSDAY, 1, 9, 10, now);
        post(readings, DayOfWeek.THURSDAY, 2, 9, 12, now);
        post(readings, DayOfWeek.SATURDAY, 2, 12, 5, now);
        for (MetricsRepository.Collection c : claimed) {
            boolean saved = metrics.completeCollection(NODE, c.accountId(),
                    c.accountId().equals(accountId) ? readings : List.of(), now.plus(Duration.ofDays(365)), null);
            assertTrue(saved, "the readings are saved under the lease");
        }
    }

    /** A post published {@code weeksAgo} weeks before the last {@code day}, at {@code hour}:17, and its likes. */
    private static void post(List<Reading> readings, DayOfWeek day, int weeksAgo, int hour, long likes, Instant now) {
        ZonedDateTime published = LocalDate.now(PARIS).with(TemporalAdjusters.previous(day)).minusWeeks(weeksAgo)
                .atTime(hour, 17).atZone(PARIS);
        String remoteId = "post-" + day + "-" + weeksAgo;
        readings.add(new Reading(SubjectKind.POST, remoteId, null, published.toInstant(), "likes", now, likes));
        readings.add(new Reading(SubjectKind.POST, remoteId, null, published.toInstant(), "replies", now, 0));
    }

    /** The next {@code day} at {@code hour}:00 in Paris: today when that hour is still to come. */
    private static LocalDateTime next(DayOfWeek day, int hour) {
        LocalDateTime now = LocalDateTime.now(PARIS);
        LocalDateTime candidate = now.toLocalDate().with(TemporalAdjusters.nextOrSame(day)).atTime(hour, 0);
        return candidate.toLocalDate().equals(now.toLocalDate()) && now.getHour() >= hour ? candidate.plusWeeks(1)
                : candidate;
    }

    private static List<String> strings(JsonArray array) {
        List<String> list = new ArrayList<>();
        array.forEach(e -> list.add(e.getAsString()));
        return list;
    }
}
