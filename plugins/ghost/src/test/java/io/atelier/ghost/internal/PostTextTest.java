package io.atelier.ghost.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.Problem;

/** Reading a variant's text as a Ghost post: the header, the title, the tags, the newsletter and the HTML body. */
class PostTextTest {

    @Test
    void theFirstLineIsTheTitleAndTheRestTheBody() {
        PostText.Parsed p = PostText.parse("\n  Opening night  \n\nDoors at 7.\nBring a friend.\n\nTickets <soon> & more\n");
        assertEquals(List.of(), p.problems());
        assertEquals("Opening night", p.post().title());
        assertEquals("Doors at 7.\nBring a friend.\n\nTickets <soon> & more", p.post().body());
        assertEquals("<p>Doors at 7.<br>Bring a friend.</p><p>Tickets &lt;soon&gt; &amp; more</p>", p.post().html());
        assertEquals(List.of(), p.post().tags());
        assertNull(p.post().newsletter());
    }

    @Test
    void theHeaderGivesTitleTagsAndNewsletter() {
        PostText.Parsed p = PostText.parse("---\nTitle: Fish & chips\ntags: Food, local, food , ,Summer\n"
                + "newsletter: Weekly-Digest\n---\n\nBody line\n");
        assertEquals(List.of(), p.problems());
        assertEquals("Fish & chips", p.post().title());
        assertEquals("Body line", p.post().body());
        assertEquals(List.of("Food", "local", "Summer"), p.post().tags(), "each tag once, ignoring case, in order");
        assertEquals("weekly-digest", p.post().newsletter());
        assertEquals("none", PostText.parse("---\nnewsletter: none\n---\nT").post().newsletter());
    }

    @Test
    void headerMistakesAreNamedByLine() {
        List<Problem> problems = PostText.parse("---\ntitle: A\ncolour: blue\ntitle: B\nno colon here\n"
                + "newsletter: Not a slug!\n---\nbody").problems();
        List<String> messages = problems.stream().map(Problem::message).toList();
        assertEquals(4, problems.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("line 3 of the header names 'colour'; a Ghost post takes title, tags,"
                + " newsletter"), messages.get(0));
        assertTrue(messages.get(1).startsWith("line 4 of the header gives 'title' a second time"), messages.get(1));
        assertTrue(messages.get(2).startsWith("line 5 of the header is not 'name: value'"), messages.get(2));
        assertTrue(messages.get(3).contains("'newsletter' in the header is not a newsletter's slug"), messages.get(3));
        assertTrue(PostText.parse("---\ntitle: x\n").problems().get(0).message().contains("never closed"));
    }

    @Test
    void emptyTextsAndTitlesAreRefused() {
        assertTrue(PostText.parse("  \n\n").problems().get(0).message().startsWith("the text is empty"));
        assertTrue(PostText.parse("---\ntitle:\n---\nonly a body").problems().get(0).message()
                .startsWith("the title is empty"));
    }

    @Test
    void lengthsAreCountedAsGhostCountsThem() {
        assertEquals(1, PostText.length("\uD83C\uDF89"), "an emoji outside the BMP is one");
        assertEquals(1, PostText.length("\u2764\uFE0F"), "a variation selector is not counted");
        assertEquals(3, PostText.length("a\u00e9b"));
        String title255 = "\u2764\uFE0F".repeat(255);
        assertEquals(List.of(), PostText.parse(title255).problems());
        List<Problem> over = PostText.parse("\uD83C\uDF89".repeat(256)).problems();
        assertEquals(1, over.size());
        assertTrue(over.get(0).message().startsWith("the title is 256 characters; Ghost allows 255"),
                over.get(0).message());
        List<Problem> tag = PostText.parse("---\ntags: ok, " + "t".repeat(192) + "\n---\nTitle").problems();
        assertEquals(1, tag.size());
        assertTrue(tag.get(0).message().contains("192 characters; Ghost allows 191"), tag.get(0).message());
    }
}
