package io.atelier.platform.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.Problem;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.TckAccount;

/**
 * Drafts checked against the account's own instance — <strong>a fake Mastodon
 * ({@link FakeMastodon}) built from the documentation</strong> — which states its
 * limits in {@code GET /api/v2/instance}: its character limit, how many
 * characters a link counts, its media limits; read once per instance and kept.
 */
class InstanceLimitsTest {

    private FakeMastodon mastodon;
    private TckAccount alice;

    @BeforeEach
    void start() throws Exception {
        mastodon = new FakeMastodon();
        alice = Fixtures.alice(mastodon);
    }

    @AfterEach
    void stop() {
        mastodon.close();
    }

    private static Optional<Problem> textProblem(List<Problem> problems) {
        return problems.stream().filter(p -> p.field().equals("text")).findFirst();
    }

    @Test
    void theInstancesCharacterLimitIsTheLimit() {
        mastodon.maxCharacters = 1000;
        MastodonConnector c = Fixtures.connector();
        assertEquals(Optional.empty(), textProblem(c.validate(Fixtures.variant("a".repeat(1000), List.of(), List.of()),
                alice)));
        Problem p = textProblem(c.validate(Fixtures.variant("a".repeat(1001), List.of(), List.of()), alice))
                .orElseThrow();
        assertTrue(p.message().contains("1001") && p.message().contains("1000") && p.message().contains("127.0.0.1"),
                p.message());
    }

    @Test
    void linksCountAsTheInstanceReservesAndTheInstanceAgrees() throws Exception {
        String link = "https://example.com/" + "long/".repeat(60);
        String fits = "a".repeat(476) + " " + link; // 476 + 1 + 23 = 500, though 777 characters long
        String over = "a".repeat(477) + " " + link;
        MastodonConnector c = Fixtures.connector();
        assertEquals(Optional.empty(), textProblem(c.validate(Fixtures.variant(fits, List.of(), List.of()), alice)));
        assertTrue(textProblem(c.validate(Fixtures.variant(over, List.of(), List.of()), alice)).isPresent());
        // The (fake) instance counts the same way: it takes the one and would have refused the other.
        c.publish(Fixtures.request("fits", fits), alice);
        assertEquals(1, mastodon.statusesWithText(mastodon.alice, fits).size());
        RejectedException e = assertThrows(RejectedException.class, () -> c.publish(Fixtures.request("over", over),
                alice));
        assertTrue(e.getMessage().contains("501 characters"), e.getMessage());
        assertEquals(1, mastodon.requests("POST", "/api/v1/statuses").size(), "the refused text was never sent");

        mastodon.charactersPerUrl = 40; // an instance that reserves more per link
        MastodonConnector fresh = Fixtures.connector();
        assertTrue(textProblem(fresh.validate(Fixtures.variant(fits, List.of(), List.of()), alice)).isPresent());
    }

    @Test
    void theConfigurationIsReadOncePerInstance() throws Exception {
        try (FakeMastodon small = new FakeMastodon()) {
            small.maxCharacters = 11;
            TckAccount onSmall = Fixtures.alice(small);
            MastodonConnector c = Fixtures.connector();
            String twelve = "twelve chars";
            for (int i = 0; i < 3; i++) {
                assertEquals(Optional.empty(), textProblem(c.validate(Fixtures.variant(twelve, List.of(), List.of()),
                        alice)));
                assertTrue(textProblem(c.validate(Fixtures.variant(twelve, List.of(), List.of()), onSmall))
                        .orElseThrow().message().contains("allows 11"));
            }
            assertEquals(1, mastodon.requests("GET", "/api/v2/instance").size());
            assertEquals(1, small.requests("GET", "/api/v2/instance").size());
        }
    }

    @Test
    void theConfigurationIsReadAgainOnceItsTimeIsUp() {
        Fixtures.MovableClock clock = new Fixtures.MovableClock();
        MastodonConnector c = new MastodonConnector(Fixtures.settings().withInstanceCache(Duration.ofHours(1), clock),
                new MemoryPluginStore());
        String text = "a".repeat(600);
        mastodon.maxCharacters = 1000;
        assertEquals(Optional.empty(), textProblem(c.validate(Fixtures.variant(text, List.of(), List.of()), alice)));
        mastodon.maxCharacters = 500; // the admin lowers the limit
        clock.advance(Duration.ofMinutes(59));
        assertEquals(Optional.empty(), textProblem(c.validate(Fixtures.variant(text, List.of(), List.of()), alice)));
        clock.advance(Duration.ofMinutes(2));
        assertTrue(textProblem(c.validate(Fixtures.variant(text, List.of(), List.of()), alice)).isPresent());
        assertEquals(2, mastodon.requests("GET", "/api/v2/instance").size());
    }

    @Test
    void anInstanceThatCannotSayGetsTheDefaultsAndIsAskedAgain() {
        mastodon.maxCharacters = 1000;
        mastodon.answerOnce("GET", "/api/v2/instance", 503, Map.of(), "<html>maintenance</html>");
        MastodonConnector c = Fixtures.connector();
        Problem p = textProblem(c.validate(Fixtures.variant("a".repeat(501), List.of(), List.of()), alice))
                .orElseThrow();
        assertTrue(p.message().contains("Mastodon allows 500"), p.message());
        assertEquals(Optional.empty(), textProblem(c.validate(Fixtures.variant("a".repeat(501), List.of(), List.of()),
                alice)));
        assertEquals(2, mastodon.requests("GET", "/api/v2/instance").size());
    }

    @Test
    void mediaLimitsComeFromTheInstance() {
        mastodon.maxMediaAttachments = 2;
        mastodon.imageSizeLimit = 1_000;
        mastodon.descriptionLimit = 10;
        mastodon.supportedMimeTypes = List.of("image/png", "image/jpeg", "video/mp4");
        MastodonConnector c = Fixtures.connector();
        List<Problem> three = c.validate(Fixtures.variant("x", List.of(), List.of(
                new Media("med_1", "image/png", 10, ""), new Media("med_2", "image/png", 10, ""),
                new Media("med_3", "image/png", 10, ""))), alice);
        assertTrue(three.stream().anyMatch(p -> p.field().equals("media") && p.message().contains("allows 2")), "" + three);
        List<Problem> bad = c.validate(Fixtures.variant("x", List.of(), List.of(
                new Media("med_1", "image/png", 1_001, ""), new Media("med_2", "image/webp", 10, "0123456789A"))),
                alice);
        assertEquals(List.of("media[0]", "media[1]", "media[1]"), bad.stream().map(Problem::field).toList(), "" + bad);
        assertTrue(bad.get(0).message().contains("1000 bytes"), bad.get(0).message());
        assertTrue(bad.get(1).message().contains("image/webp"), bad.get(1).message());
        assertTrue(bad.get(2).message().contains("alt text") && bad.get(2).message().contains("allows 10"),
                bad.get(2).message());
        // A video has the video limit, not the image one.
        assertEquals(List.of(), c.validate(Fixtures.variant("x", List.of(), List.of(
                new Media("med_1", "video/mp4", 5_000_000, "a clip"))), alice));
    }

    @Test
    void threadPartsAreCheckedToo() {
        mastodon.maxCharacters = 20;
        MastodonConnector c = Fixtures.connector();
        List<Problem> problems = c.validate(Fixtures.variant("first part", List.of("fine", "a".repeat(21), " "),
                List.of()), alice);
        assertEquals(List.of("thread[1]", "thread[2]"), problems.stream().map(Problem::field).toList(), "" + problems);
    }
}
