package io.atelier.platform.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;

/**
 * Photos against {@link FakeTelegram} (a fake of the Bot API, which reads the
 * uploads with its own multipart parser): one with {@code sendPhoto}, several as
 * an album with {@code sendMediaGroup}, the bytes arriving intact, and a post's
 * id that lets delete remove every photo of the album.
 */
class MediaTest extends OnFakeTelegram {

    @Test
    void onePhotoGoesWithTheTextAsCaption() throws Exception {
        byte[] content = Fixtures.bytes(70_000, 7);
        account.withMedia("med_1", content);
        PublishResult r = connector.publish(Fixtures.request("photo", Fixtures.variant("Look at this", List.of(),
                List.of(new Media("med_1", "image/png", content.length, "a chart")))), account);

        List<FakeTelegram.Message> live = telegram.live(telegram.channel);
        assertEquals(1, live.size());
        assertArrayEquals(content, live.get(0).photo);
        assertEquals("Look at this", live.get(0).caption);
        assertEquals(null, live.get(0).text);
        assertEquals(List.of("sendPhoto"), telegram.calls);
        assertEquals("-1001500000001:" + live.get(0).id, r.remoteId());
    }

    @Test
    void anAlbumOfThreeMakesThreeMessagesThatDeleteRemovesTogether() throws Exception {
        List<Media> media = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            account.withMedia("med_" + i, Fixtures.bytes(5_000 + i, i));
            media.add(new Media("med_" + i, "image/jpeg", 5_000 + i, ""));
        }
        PublishResult r = connector.publish(Fixtures.request("album", Fixtures.variant("Three views", List.of(),
                media)), account);

        List<FakeTelegram.Message> live = telegram.live(telegram.channel);
        assertEquals(3, live.size());
        assertEquals(List.of("sendMediaGroup"), telegram.calls);
        String group = live.get(0).mediaGroupId;
        assertNotNull(group);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(Fixtures.bytes(5_000 + i, i), live.get(i).photo, "photo " + i + " in order");
            assertEquals(group, live.get(i).mediaGroupId);
        }
        assertEquals("Three views", live.get(0).caption);
        assertEquals(null, live.get(1).caption);
        assertEquals("-1001500000001:" + live.get(0).id + "," + live.get(1).id + "," + live.get(2).id, r.remoteId());

        connector.delete(r.remoteId(), account);
        assertEquals(List.of(), telegram.live(telegram.channel));
        assertEquals(3, telegram.calls.stream().filter("deleteMessage"::equals).count());
    }

    @Test
    void anAlbumWithAThreadAnswersItsLastPhoto() throws Exception {
        account.withMedia("med_a", Fixtures.bytes(100, 1)).withMedia("med_b", Fixtures.bytes(100, 2));
        connector.publish(Fixtures.request("albumthread", Fixtures.variant("", List.of("more below"),
                List.of(new Media("med_a", "image/jpeg", 100, ""), new Media("med_b", "image/jpeg", 100, "")))),
                account);
        List<FakeTelegram.Message> live = telegram.live(telegram.channel);
        assertEquals(3, live.size());
        assertEquals(null, live.get(0).caption, "an empty text sends no caption");
        assertEquals(live.get(1).id, live.get(2).replyTo);
    }

    @Test
    void aMediumTheLibraryCannotGiveIsRefusedBeforeSending() {
        RejectedException e = assertThrows(RejectedException.class, () -> connector.publish(Fixtures.request("gone",
                Fixtures.variant("x", List.of(), List.of(new Media("med_gone", "image/jpeg", 10, "")))), account));
        assertTrue(e.getMessage().contains("media[0] (med_gone)"), e.getMessage());
        assertEquals(List.of(), telegram.calls);
    }
}
