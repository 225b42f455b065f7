package io.atelier.shell.internal.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atelier.api.post.Media;
import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.scheduling.PostInput;
import io.atelier.scheduling.Recurrence;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.Schemas;
import io.atelier.store.PostRepository.Change;
import io.atelier.store.PostRepository.Slot;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.PostRepository.Target;

class PostJsonTest {

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void aCreateBodyBecomesTheServicesInput() {
        JsonObject body = json("{\"text\": \"Hi\", \"accounts\": [\"acc_1\", \"acc_2\"],"
                + " \"media\": [{\"id\": \"file:///a.png\", \"mediaType\": \"image/png\", \"size\": 12, \"alt\": \"A\"}],"
                + " \"variants\": {\"acc_2\": {\"text\": \"Hey\", \"thread\": [\"2/2\"]}},"
                + " \"at\": \"2030-12-01T09:30\", \"zone\": \"Europe/Paris\", \"review\": true,"
                + " \"recurrence\": {\"frequency\": \"weekly\", \"until\": \"2031-01-31\"}}");
        Schemas.POST_INPUT.check(body, "");
        PostInput input = PostJson.input(body);
        assertEquals(new PostInput("Hi", List.of(new Media("file:///a.png", "image/png", 12, "A")),
                List.of("acc_1", "acc_2"), Map.of("acc_2", new PostInput.Variant("Hey", null, List.of("2/2"))),
                "2030-12-01T09:30", "Europe/Paris", false, false, true,
                new Recurrence(Recurrence.Frequency.WEEKLY, 1, LocalDate.parse("2031-01-31"), 0)), input);
    }

    @Test
    void aMediumIsNamedByItsLibraryIdAndAltTextAlone() {
        JsonObject body = json("{\"text\": \"Hi\", \"accounts\": [\"acc_1\"], \"media\": [{\"id\": \"med_1\","
                + " \"alt\": \"A cat\"}, {\"id\": \"med_2\"}],"
                + " \"variants\": {\"acc_1\": {\"media\": [{\"id\": \"med_3\", \"alt\": \"\"}]}}}");
        Schemas.POST_INPUT.check(body, "");
        PostInput input = PostJson.input(body);
        // Type and size are the library's: the service fills them in.
        assertEquals(List.of(new Media("med_1", "", 0, "A cat"), new Media("med_2", "", 0, "")), input.media());
        assertEquals(List.of(new Media("med_3", "", 0, "")), input.variants().get("acc_1").media());
        ApiException noId = assertThrows(ApiException.class,
                () -> Schemas.POST_INPUT.check(json("{\"media\": [{\"alt\": \"no id\"}]}"), ""));
        assertEquals("media[0].id", noId.field());
    }

    @Test
    void valuesTheSchemaCannotCheckAreRefusedNamingTheirField() {
        ApiException frequency = assertThrows(ApiException.class,
                () -> PostJson.input(json("{\"recurrence\": {\"frequency\": \"HOURLY\"}}")));
        assertEquals("recurrence.frequency", frequency.field());
        ApiException until = assertThrows(ApiException.class,
                () -> PostJson.input(json("{\"recurrence\": {\"frequency\": \"DAILY\", \"until\": \"soon\"}}")));
        assertEquals("recurrence.until", until.field());
        ApiException size = assertThrows(ApiException.class, () -> PostJson.input(json(
                "{\"media\": [{\"id\": \"x\", \"mediaType\": \"image/png\", \"size\": -1}]}")));
        assertEquals("media[0].size", size.field());
    }

    @Test
    void theSchemaRefusesUnknownMembersOfAPost() {
        ApiException unknown = assertThrows(ApiException.class,
                () -> Schemas.POST_INPUT.check(json("{\"txt\": \"typo\"}"), ""));
        assertEquals("txt", unknown.field());
        ApiException nested = assertThrows(ApiException.class,
                () -> Schemas.POST_PATCH.check(json("{\"variants\": {\"acc_1\": {\"body\": \"x\"}}}"), ""));
        assertEquals("variants.acc_1.body", nested.field());
    }

    @Test
    void slotsAreDaysAndTimesOfDay() {
        assertEquals(List.of(new Slot(DayOfWeek.MONDAY, LocalTime.of(9, 0)), new Slot(DayOfWeek.FRIDAY,
                LocalTime.of(17, 30))), PostJson.slots(JsonParser.parseString(
                        "[{\"day\": \"monday\", \"time\": \"9:00\"}, {\"day\": \"FRIDAY\", \"time\": \"17:30\"}]")));
        assertEquals("slots[1].day", assertThrows(ApiException.class, () -> PostJson.slots(JsonParser.parseString(
                "[{\"day\": \"MONDAY\", \"time\": \"09:00\"}, {\"day\": \"Funday\", \"time\": \"09:00\"}]"))).field());
        assertEquals("slots[0].time", assertThrows(ApiException.class, () -> PostJson.slots(JsonParser.parseString(
                "[{\"day\": \"MONDAY\", \"time\": \"25:00\"}]"))).field());
    }

    @Test
    void aStoredPostIsWrittenWithItsVariantsResultsAndLocalTime() {
        Instant at = Instant.parse("2026-12-01T08:30:00Z");
        StoredPost post = new StoredPost("post_1", "ws_1", PostState.PUBLISHED, at, ZoneId.of("Europe/Paris"), null,
                List.of(new Target(new PostVariant("acc_1", "Hi", List.of(new Media("file:///a.png", "image/png", 5,
                        "A")), List.of()), PostState.PUBLISHED, 1, "at://x", "https://example.test/x", null, at)),
                3, at.minusSeconds(60), at, "usr_1");
        JsonObject json = PostJson.post(post);
        assertEquals(json("{\"id\":\"post_1\",\"workspace\":\"ws_1\",\"state\":\"PUBLISHED\","
                + "\"at\":\"2026-12-01T08:30:00Z\",\"zone\":\"Europe/Paris\",\"localAt\":\"2026-12-01T09:30\","
                + "\"series\":null,\"version\":3,\"createdAt\":\"2026-12-01T08:29:00Z\","
                + "\"updatedAt\":\"2026-12-01T08:30:00Z\",\"createdBy\":\"usr_1\",\"accounts\":[\"acc_1\"],"
                + "\"variants\":{\"acc_1\":{\"text\":\"Hi\",\"media\":[{\"id\":\"file:///a.png\","
                + "\"mediaType\":\"image/png\",\"size\":5,\"alt\":\"A\"}],\"thread\":[]}},"
                + "\"results\":{\"acc_1\":{\"state\":\"PUBLISHED\",\"url\":\"https://example.test/x\","
                + "\"remoteId\":\"at://x\",\"error\":null,\"attempts\":1,\"publishedAt\":\"2026-12-01T08:30:00Z\"}}}"),
                json);
        assertFalse(json.has("history"), "lists leave the history out");

        JsonObject detailed = PostJson.post(post, List.of(new Change(at.minusSeconds(60), null, null,
                PostState.SCHEDULED, "usr_1", "created")));
        assertEquals(JsonParser.parseString("[{\"at\":\"2026-12-01T08:29:00Z\",\"account\":null,\"from\":null,\"to\":\"SCHEDULED\","
                + "\"actor\":\"usr_1\",\"reason\":\"created\"}]"), detailed.get("history"));
    }

    @Test
    void listFiltersAreChecked() {
        PostOperations.Filter filter = PostOperations.filter(Map.of("from", "2030-01-01T00:00:00Z",
                "state", "scheduled, FAILED", "limit", "20", "workspace", "ws_a,ws_b"));
        assertEquals(Set.of(PostState.SCHEDULED, PostState.FAILED), filter.states());
        assertEquals(20, filter.limit());
        assertEquals(Set.of("ws_a", "ws_b"), filter.workspaces());
        assertEquals(PostOperations.DEFAULT_LIMIT, PostOperations.filter(Map.of()).limit());
        assertTrue(PostOperations.filter(Map.of()).states().isEmpty());
        for (Map.Entry<String, String> bad : List.of(Map.entry("state", "LOST"), Map.entry("limit", "0"),
                Map.entry("limit", "5001"), Map.entry("from", "yesterday"))) {
            assertEquals(bad.getKey(), assertThrows(ApiException.class,
                    () -> PostOperations.filter(Map.of(bad.getKey(), bad.getValue()))).field(), bad.toString());
        }
        assertEquals("to", assertThrows(ApiException.class, () -> PostOperations.filter(Map.of(
                "from", "2030-01-02T00:00:00Z", "to", "2030-01-01T00:00:00Z"))).field());
    }
}
