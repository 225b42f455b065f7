package io.atelier.scheduling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.platform.Problem;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostState;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.Workspace;
import io.atelier.scheduling.ImportReport;
import io.atelier.scheduling.InvalidInputException;
import io.atelier.scheduling.Platforms;
import io.atelier.scheduling.PostInput;
import io.atelier.scheduling.Recurrence;
import io.atelier.store.ConflictException;
import io.atelier.store.MediaRepository.StoredMedia;
import io.atelier.store.PostRepository.Query;
import io.atelier.store.PostRepository.Slot;
import io.atelier.store.PostRepository.StoredPost;

/**
 * The service's checks on a real H2 store, at a fixed "now" (the dispatcher is off):
 * nothing is written when any problem is found, every problem names its field, and
 * time zones, recurrences, queues, the CSV import and the calendar feed behave as
 * documented.
 */
class SchedulingServiceTest {

    /** Tuesday 2027-03-23 10:00 in Paris, five days before clocks go forward. */
    private static final Instant NOW = Instant.parse("2027-03-23T09:00:00Z");
    private static final DispatcherSettings OFF = new DispatcherSettings(false, DispatcherSettings.DEFAULT.lease(),
            DispatcherSettings.DEFAULT.grace(), 500, 3, DispatcherSettings.DEFAULT.retryBase(),
            DispatcherSettings.DEFAULT.retryMax(), DispatcherSettings.DEFAULT.patience(),
            DispatcherSettings.DEFAULT.idlePoll(), DispatcherSettings.DEFAULT.callTimeout());

    @TempDir
    Path dir;

    private TestStore store;
    private SchedulingService service;
    private Workspace workspace;
    private Account alice;
    private Account bob;

    @BeforeEach
    void setUp() {
        store = TestStore.h2(dir, "node_a");
        workspace = store.workspace("Europe/Paris");
        RecordingConnector connector = new RecordingConnector("rec", RatePolicy.DEFAULT);
        List<Platforms.Platform> platforms = List.of(new Platforms.Platform(connector, connector.info(), "test"));
        Platforms registry = new Platforms() {
            @Override
            public List<Platform> all() {
                return platforms;
            }

            @Override
            public Optional<Platform> find(String id) {
                return platforms.stream().filter(p -> p.info().id().equals(id)).findFirst();
            }
        };
        alice = store.account(workspace, "rec", "alice");
        bob = store.account(workspace, "rec", "bob");
        service = new SchedulingService(store.store.workspaces(), store.store.accounts(), store.store.posts(),
                store.store.media(), store.store.dispatch(), "node_a", registry, OFF, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private InvalidInputException refused(PostInput input) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> service.create(workspace.id(), input, "per_test"));
        assertEquals(List.of(), all(), "nothing was written");
        return e;
    }

    private List<StoredPost> all() {
        return service.list(new Query(Set.of(workspace.id()), null, null, Set.of(), null, 5000));
    }

    private static List<String> fields(InvalidInputException e) {
        return e.problems().stream().map(Problem::field).toList();
    }

    @Test
    void aLocalTimeIsReadInItsZoneAndKeepsIt() {
        StoredPost post = service.create(workspace.id(), PostInput.of("hello", List.of(alice.id()),
                "2027-04-01T09:30", "America/New_York"), "per_test");
        assertEquals(Instant.parse("2027-04-01T13:30:00Z"), post.at());
        assertEquals(ZoneId.of("America/New_York"), post.zone());
        assertEquals(LocalDateTime.parse("2027-04-01T09:30"), post.localAt());
        StoredPost inWorkspaceZone = service.create(workspace.id(), PostInput.of("hello", List.of(alice.id()),
                "2027-04-01T09:30", null), "per_test");
        assertEquals(Instant.parse("2027-04-01T07:30:00Z"), inWorkspaceZone.at(), "Paris is at +02:00 in April");
    }

    @Test
    void aTextPolicyRefusesAPlannedPostOnTheTextAtFaultAndABrokenPolicyIsSkipped() {
        // A policy as a plugin provides one: this workspace forbids "free".
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        service.policies = List.of(workspaceId -> {
            reads.incrementAndGet();
            return text -> workspaceId.equals(workspace.id())
                    && text.toLowerCase(java.util.Locale.ROOT).contains("free") ? List.of("says free") : List.of();
        }, workspaceId -> {
            throw new IllegalStateException("a broken policy is skipped");
        }, workspaceId -> text -> {
            throw new IllegalStateException("a broken check is skipped too");
        });
        InvalidInputException e = refused(PostInput.of("Free croissants!", List.of(alice.id()), "2027-04-01T10:00",
                null));
        assertEquals(List.of("variants." + alice.id() + ".text"), fields(e));
        assertEquals("says free", e.problems().get(0).message());
        reads.set(0);
        StoredPost kept = service.create(workspace.id(), PostInput.of("fine words", List.of(alice.id(), bob.id()),
                "2027-04-01T10:00", null), "per_test");
        assertEquals("fine words", kept.targets().get(0).variant().text());
        assertEquals(1, reads.get(), "the policy is read once for the post, not once per text");
    }

    @Test
    void badTimesAreRefusedWithTheirField() {
        InvalidInputException gap = refused(PostInput.of("hi", List.of(alice.id()), "2027-03-28T02:30", "Europe/Paris"));
        assertEquals(List.of("at"), fields(gap));
        assertTrue(gap.getMessage().contains("does not exist"), gap.getMessage());
        assertEquals(List.of("zone"), fields(refused(PostInput.of("hi", List.of(alice.id()), "2027-04-01T10:00",
                "Europe/Pariss"))));
        InvalidInputException past = refused(PostInput.of("hi", List.of(alice.id()), "2027-03-22T10:00", null));
        assertEquals(List.of("at"), fields(past));
        assertTrue(past.getMessage().contains("in the past"), past.getMessage());
        assertEquals(List.of("at"), fields(refused(PostInput.of("hi", List.of(alice.id()), null, null))));
        assertEquals(List.of("at"), fields(refused(PostInput.of("hi", List.of(alice.id()), "next tuesday", null))));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        String tooLong = "x".repeat(51);
        InvalidInputException e = refused(new PostInput(tooLong, null, List.of(alice.id(), "acc_nobody"),
                Map.of(bob.id(), new PostInput.Variant("", null, null)), "2027-03-28T02:30", null, false, false, false,
                null));
        assertTrue(fields(e).containsAll(List.of("accounts[1]", "variants." + bob.id() + ".text", "at")), fields(e).toString());
        InvalidInputException connector = refused(PostInput.of(tooLong, List.of(alice.id()), "2027-04-01T10:00", null));
        assertEquals(List.of("variants." + alice.id() + ".text"), fields(connector),
                "the connector's own rule, on the account's variant");
        assertEquals(List.of("accounts"), fields(refused(PostInput.of("hi", List.of(), "2027-04-01T10:00", null))));
    }

    @Test
    void aDraftNeedsNoTimeAndIsNotPublished() {
        StoredPost draft = service.create(workspace.id(), new PostInput("idea", null, List.of(alice.id()), null, null,
                null, false, true, false, null), "per_test");
        assertEquals(PostState.DRAFT, draft.state());
        assertEquals(null, draft.at());
        StoredPost published = service.publishNow(workspace.id(), draft.id(), "per_test");
        assertEquals(PostState.SCHEDULED, published.state());
        assertEquals(NOW, published.at());
    }

    @Test
    void aRecurrenceFollowsTheWallClockAcrossTheDaylightSavingChange() {
        StoredPost first = service.create(workspace.id(), new PostInput("daily", null, List.of(alice.id()), null,
                "2027-03-26T09:00", null, false, false, false,
                new Recurrence(Recurrence.Frequency.DAILY, 1, null, 5)), "per_test");
        List<StoredPost> series = all();
        assertEquals(5, series.size());
        assertTrue(series.stream().allMatch(p -> first.seriesId().equals(p.seriesId())));
        List<LocalTime> wallClock = series.stream().map(p -> p.localAt().toLocalTime()).distinct().toList();
        assertEquals(List.of(LocalTime.of(9, 0)), wallClock, "09:00 in Paris every day");
        assertEquals(Instant.parse("2027-03-27T08:00:00Z"), series.get(1).at(), "before the change: +01:00");
        assertEquals(Instant.parse("2027-03-28T07:00:00Z"), series.get(2).at(), "after the change: +02:00");

        service.cancel(workspace.id(), series.get(2).id(), true, "per_test");
        List<PostState> states = all().stream().map(StoredPost::state).toList();
        assertEquals(List.of(PostState.SCHEDULED, PostState.SCHEDULED, PostState.CANCELLED, PostState.CANCELLED,
                PostState.CANCELLED), states, "cancelling from the third cancels the rest of the series");
        assertThrows(InvalidInputException.class, () -> service.create(workspace.id(), new PostInput("endless", null,
                List.of(alice.id()), null, "2027-03-26T09:00", null, false, false, false,
                new Recurrence(Recurrence.Frequency.WEEKLY, 1, null, 0)), "per_test"));
    }

    @Test
    void addToQueueTakesTheNextFreeCommonSlot() {
        Set<Slot> slots = Set.of(new Slot(DayOfWeek.TUESDAY, LocalTime.of(9, 30)),
                new Slot(DayOfWeek.WEDNESDAY, LocalTime.of(9, 30)));
        service.setSlots(workspace.id(), alice.id(), slots);
        service.setSlots(workspace.id(), bob.id(), Set.of(new Slot(DayOfWeek.WEDNESDAY, LocalTime.of(9, 30))));
        PostInput queued = new PostInput("queued", null, List.of(alice.id()), null, null, null, true, false, false, null);
        // Tuesday 09:30 has passed (it is 10:00): Wednesday 09:30, then Tuesday 09:30 of next week.
        assertEquals(Instant.parse("2027-03-24T08:30:00Z"), service.create(workspace.id(), queued, "per_test").at());
        assertEquals(Instant.parse("2027-03-30T07:30:00Z"), service.create(workspace.id(), queued, "per_test").at(),
                "the next Tuesday is after the change to summer time: still 09:30 in Paris");
        PostInput both = new PostInput("both", null, List.of(alice.id(), bob.id()), null, null, null, true, false, false,
                null);
        assertEquals(Instant.parse("2027-03-31T07:30:00Z"), service.create(workspace.id(), both, "per_test").at(),
                "the first Wednesday free on both accounts");
        service.setSlots(workspace.id(), bob.id(), Set.of());
        assertEquals(List.of("queue"), fields(assertThrows(InvalidInputException.class,
                () -> service.create(workspace.id(), both, "per_test"))));
    }

    @Test
    void anEditNamesTheVersionItReadAndCannotTouchAPublishedPost() {
        StoredPost post = service.create(workspace.id(), PostInput.of("v1", List.of(alice.id()), "2027-04-01T10:00", null),
                "per_test");
        StoredPost edited = service.update(workspace.id(), post.id(), post.version(),
                PostInput.of("v2", List.of(alice.id()), "2027-04-01T11:00", null), "per_test");
        assertNotEquals(post.version(), edited.version());
        assertEquals("v2", edited.targets().get(0).variant().text());
        assertThrows(ConflictException.class, () -> service.update(workspace.id(), post.id(), post.version(),
                PostInput.of("v3", List.of(alice.id()), "2027-04-01T11:00", null), "per_test"));
        List<String> reasons = service.history(workspace.id(), post.id()).stream().map(c -> c.reason()).toList();
        assertTrue(reasons.contains("edited"), reasons.toString());
    }

    @Test
    void aCsvImportWithABrokenRowWritesNothingAndNamesEveryProblem() {
        StringBuilder csv = new StringBuilder("date,time,zone,accounts,text\n");
        for (int i = 0; i < 1000; i++) {
            LocalDate day = LocalDate.of(2027, 4, 1).plusDays(i % 200);
            csv.append(day).append(",10:").append(String.format("%02d", i % 60)).append(",Europe/Paris,alice,post ")
                    .append(i).append('\n');
        }
        String good = csv.toString();
        csv.append("2027-03-28,02:30,Europe/Paris,alice,in the gap\n");
        csv.append("2027-04-01,10:00,Europe/Paris,carol,unknown account\n");
        csv.append("2027-04-01,10:00,Europe/Paris,alice,").append("y".repeat(60)).append('\n');
        List<Integer> progress = new ArrayList<>();
        ImportReport broken = service.importCsv(workspace.id(), new StringReader(csv.toString()), false, "per_test",
                progress::add);
        assertFalse(broken.ok());
        assertEquals(1003, broken.rows());
        assertEquals(0, broken.imported());
        assertEquals(List.of(1002, 1003, 1004), broken.problems().stream().map(ImportReport.RowProblem::row).toList());
        assertEquals(List.of("time", "accounts", "text"),
                broken.problems().stream().map(p -> p.problem().field()).toList());
        assertEquals(List.of(), all(), "nothing half-written");
        assertTrue(progress.contains(1000), progress.toString());

        ImportReport dryRun = service.importCsv(workspace.id(), new StringReader(good), true, "per_test", n -> { });
        assertTrue(dryRun.ok());
        assertEquals(0, dryRun.imported());
        assertEquals(List.of(), all());
        ImportReport imported = service.importCsv(workspace.id(), new StringReader(good), false, "per_test", n -> { });
        assertEquals(1000, imported.imported());
        assertEquals(1000, all().size());
    }

    @Test
    void mediaAreTakenFromTheWorkspacesLibraryWithTheCallersAltText() {
        StoredMedia picture = store.store.media().add(workspace.id(), "image/png", new byte[1234], "a.png",
                "the library's alt", "per_test");
        PostInput input = new PostInput("with media", List.of(new Media(picture.id(), "", 0, "")),
                List.of(alice.id(), bob.id()), Map.of(bob.id(), new PostInput.Variant(null,
                        List.of(new Media(picture.id(), "video/mp4", 99_999_999, "Bob's own alt")), null)),
                "2027-04-01T10:00", null, false, false, false, null);
        StoredPost post = service.create(workspace.id(), input, "per_test");
        assertEquals(List.of(new Media(picture.id(), "image/png", 1234, "the library's alt")),
                post.targets().get(0).variant().media(), "type and size are the library's, not the caller's");
        assertEquals(List.of(new Media(picture.id(), "image/png", 1234, "Bob's own alt")),
                post.targets().get(1).variant().media());
    }

    @Test
    void aMediumOutsideTheWorkspacesLibraryIsRefusedByItsField() {
        StoredMedia mine = store.store.media().add(workspace.id(), "image/png", new byte[10], null, null, "per_test");
        Workspace other = store.workspace("Europe/Paris");
        StoredMedia theirs = store.store.media().add(other.id(), "image/png", new byte[10], null, null, "per_test");
        InvalidInputException e = refused(new PostInput("hi", List.of(new Media(mine.id(), "", 0, ""),
                new Media(theirs.id(), "image/png", 10, ""), new Media("file:///etc/passwd", "image/png", 10, "")),
                List.of(alice.id(), bob.id()), Map.of(bob.id(), new PostInput.Variant(null,
                        List.of(new Media("med_unknown", "", 0, "")), null)),
                "2027-04-01T10:00", null, false, false, false, null));
        assertEquals(List.of("media[1]", "media[2]", "variants." + bob.id() + ".media[0]"), fields(e));
        assertTrue(e.getMessage().contains(theirs.id()) && e.getMessage().contains("media library"), e.getMessage());
        assertEquals(List.of("media[0]"), fields(refused(new PostInput("", List.of(new Media(theirs.id(), "", 0, "")),
                List.of(alice.id()), null, "2027-04-01T10:00", null, false, false, false, null))),
                "an unknown medium is the one problem, not also an empty post");
    }

    @Test
    void publishingNowAPostWhoseMediumWasDeletedNamesIt() {
        StoredMedia picture = store.store.media().add(workspace.id(), "image/png", new byte[10], null, null,
                "per_test");
        StoredPost draft = service.create(workspace.id(), new PostInput("idea", List.of(new Media(picture.id(), "", 0,
                "")), List.of(alice.id()), null, null, null, false, true, false, null), "per_test");
        store.store.media().delete(workspace.id(), picture.id());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> service.publishNow(workspace.id(), draft.id(), "per_test"));
        assertEquals(List.of("variants." + alice.id() + ".media[0]"), fields(e));
        assertEquals(PostState.DRAFT, service.find(workspace.id(), draft.id()).orElseThrow().state());
    }

    @Test
    void aCsvImportAttachesMediaOfTheLibraryByTheirId() {
        StoredMedia picture = store.store.media().add(workspace.id(), "image/jpeg", new byte[77], null, null,
                "per_test");
        String csv = "date,time,accounts,text,media\n"
                + "2027-04-01,10:00,alice,with a picture," + picture.id() + "\n"
                + "2027-04-01,11:00,alice,with a stranger,med_unknown\n";
        ImportReport refused = service.importCsv(workspace.id(), new StringReader(csv), false, "per_test", n -> { });
        assertEquals(List.of(new ImportReport.RowProblem(3, new Problem("media", "unknown medium 'med_unknown' in"
                + " this workspace's media library: upload the file to the library first and attach it by the id it"
                + " gets (med_…)"))), refused.problems());
        ImportReport imported = service.importCsv(workspace.id(), new StringReader(csv.substring(0,
                csv.indexOf("2027-04-01,11:00"))), false, "per_test", n -> { });
        assertEquals(1, imported.imported());
        assertEquals(List.of(new Media(picture.id(), "image/jpeg", 77, "")),
                all().get(0).targets().get(0).variant().media());
    }

    @Test
    void theCalendarFeedAnswersOnlyToItsWorkspacesSecret() {
        service.create(workspace.id(), PostInput.of("in the feed", List.of(alice.id()), "2027-04-01T10:00", null),
                "per_test");
        Workspace other = store.workspace("Europe/Paris");
        String secret = service.rotateFeedSecret(workspace.id(), "per_test");
        String feed = service.calendarFeed(workspace.id(), secret).orElseThrow();
        assertTrue(feed.startsWith("BEGIN:VCALENDAR\r\n"), feed);
        assertTrue(feed.contains("in the feed"), feed);
        assertTrue(feed.contains("DTSTART:20270401T080000Z"), feed);
        assertEquals(Optional.empty(), service.calendarFeed(other.id(), secret), "another workspace's secret");
        assertEquals(Optional.empty(), service.calendarFeed(workspace.id(), "guess"));
        String rotated = service.rotateFeedSecret(workspace.id(), "per_test");
        assertEquals(Optional.empty(), service.calendarFeed(workspace.id(), secret), "the old secret stops working");
        assertTrue(service.calendarFeed(workspace.id(), rotated).isPresent());
    }
}
