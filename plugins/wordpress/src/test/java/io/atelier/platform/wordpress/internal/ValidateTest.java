package io.atelier.platform.wordpress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.tck.TckAccount;

/** What {@code validate} refuses before anything is sent, and site addresses. */
class ValidateTest {

    private final WordPressConnector connector = new WordPressConnector();
    private final TckAccount account = TckAccount.of("wordpress", "ana", "https://example.com", Map.of());

    private List<Problem> problems(String text, List<Media> media, List<String> thread) {
        return connector.validate(new PostVariant("acc_1", text, media, thread), account);
    }

    @Test
    void aPostWithItsImagePasses() {
        assertEquals(List.of(), problems("Title\nBody", List.of(new Media("med_1", "image/webp", 5_000_000, "alt")),
                List.of()));
    }

    @Test
    void threadsMoreThanOneImageAndOtherMediaAreRefused() {
        assertEquals(List.of(new Problem("thread", "WordPress posts have no threads: put the 3 parts into the text of"
                + " one post")), problems("Title", List.of(), List.of("two", "three")));
        assertEquals(List.of(new Problem("media", "2 media are attached; a WordPress post takes 1, its featured image")),
                problems("Title", List.of(new Media("med_1", "image/png", 10, ""), new Media("med_2", "image/png", 10,
                        "")), List.of()));
        assertEquals(List.of(new Problem("media[0]", "media 1 is video/mp4; a WordPress featured image is a JPEG, PNG,"
                + " GIF or WebP image")), problems("Title", List.of(new Media("med_1", "video/mp4", 10, "")),
                List.of()));
        assertEquals(List.of(new Problem("media[0]", "media 1 is 67108865 bytes; at most 67108864 bytes are sent to"
                + " WordPress (the site may accept less)")), problems("Title", List.of(new Media("med_1",
                "image/jpeg", 64L * 1024 * 1024 + 1, "")), List.of()));
    }

    @Test
    void theTextsProblemsComeThrough() {
        assertEquals(List.of("text"), problems("", List.of(), List.of()).stream().map(Problem::field).toList());
    }

    @Test
    void anAccountWithoutAUsableSiteAddressIsToBeFixed() {
        for (String endpoint : new String[] {null, " ", "ftp://example.com", "https://example.com/?p=1", "not a url",
                "https://user@example.com"}) {
            TckAccount a = TckAccount.of("wordpress", "ana", endpoint, Map.of());
            AuthExpiredException e = assertThrows(AuthExpiredException.class,
                    () -> Site.of(a.account()), String.valueOf(endpoint));
            assertTrue(e.getMessage().contains("WordPress account ana"),
                    e.getMessage());
        }
    }

    @Test
    void aSiteInASubdirectoryKeepsItsPath() throws Exception {
        Site site = Site.of(TckAccount.of("wordpress", "ana", "https://example.com/blog//", Map.of()).account());
        assertEquals("https://example.com/blog/wp-json/wp/v2/posts?slug=x", site.api("/wp/v2/posts", "?slug=x")
                .toString());
    }
}
