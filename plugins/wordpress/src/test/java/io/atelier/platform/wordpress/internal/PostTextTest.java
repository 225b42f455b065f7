package io.atelier.platform.wordpress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.Problem;

/** How a variant's plain text becomes a WordPress title, body, categories and tags. */
class PostTextTest {

    @Test
    void theFirstLineIsTheTitleAndTheRestTheBody() {
        PostText.Parsed p = PostText.parse("\n  Our summer menu  \n\nFresh fish, every day.\nFrom 12 to 2.\n\n\nBook a table!\n\n");
        assertEquals(List.of(), p.problems());
        assertEquals("Our summer menu", p.post().title());
        assertEquals("Fresh fish, every day.\nFrom 12 to 2.\n\n\nBook a table!", p.post().body());
        assertEquals(List.of(), p.post().categories());
        assertEquals(List.of(), p.post().tags());
    }

    @Test
    void aOneLineTextIsATitleWithoutBody() {
        PostText.Parsed p = PostText.parse("Just a title");
        assertEquals("Just a title", p.post().title());
        assertEquals("", p.post().body());
        assertEquals("", p.post().content());
    }

    @Test
    void theHeaderGivesTitleCategoriesAndTags() {
        PostText.Parsed p = PostText.parse("---\r\nTitle: Fish & chips <friday>\r\ncategories: Recipes, , Summer & Sun,"
                + " recipes\r\n\r\ntags:fresh,Local Food\r\n---\r\nFirst line of the body\r\n");
        assertEquals(List.of(), p.problems());
        assertEquals("Fish & chips <friday>", p.post().title());
        assertEquals("First line of the body", p.post().body());
        assertEquals(List.of("Recipes", "Summer & Sun"), p.post().categories());
        assertEquals(List.of("fresh", "Local Food"), p.post().tags());
    }

    @Test
    void aHeaderWithoutTitleLeavesTheFirstLineAsTitle() {
        PostText.Parsed p = PostText.parse("---\ntags: a\n---\n\nThe title\nThe body");
        assertEquals("The title", p.post().title());
        assertEquals("The body", p.post().body());
        assertEquals(List.of("a"), p.post().tags());
    }

    @Test
    void theBodyBecomesEscapedParagraphBlocks() {
        PostText post = PostText.parse("Title\nFirst <b>line</b> & more\nsecond line\n\n   \nA > B 🎉").post();
        assertEquals("<!-- wp:paragraph -->\n<p>First &lt;b&gt;line&lt;/b&gt; &amp; more<br>second line</p>\n"
                + "<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>A &gt; B 🎉</p>\n<!-- /wp:paragraph -->",
                post.content());
    }

    @Test
    void headerMistakesAreNamedByLine() {
        PostText.Parsed p = PostText.parse("---\ntitle: A\nauthor: me\nnot a field\ntitle: B\n---\nbody");
        assertEquals(List.of(
                new Problem("text", "line 3 of the header names 'author'; a WordPress post takes title, categories, tags"),
                new Problem("text", "line 4 of the header is not 'name: value': not a field"),
                new Problem("text", "line 5 of the header gives 'title' a second time")), p.problems());
        assertEquals("A", p.post().title());
    }

    @Test
    void anUnclosedHeaderIsAProblemAndReadAsText() {
        PostText.Parsed p = PostText.parse("---\ntitle: A\nbody");
        assertEquals(1, p.problems().size());
        assertTrue(p.problems().get(0).message().contains("never closed"), p.problems().toString());
        assertEquals("---", p.post().title());
    }

    @Test
    void anEmptyTextAndAnOverlongTermNameAreRefused() {
        assertEquals(List.of(new Problem("text", "the text is empty; a WordPress post needs a title (its first line)"
                + " or a body")), PostText.parse(" \n\n ").problems());
        String longName = "x".repeat(201);
        PostText.Parsed p = PostText.parse("---\ntags: ok, " + longName + "\n---\nTitle");
        assertEquals(List.of("ok"), p.post().tags());
        assertEquals(1, p.problems().size());
        assertTrue(p.problems().get(0).message().startsWith("a name in 'tags' is 201 characters; WordPress allows 200"),
                p.problems().get(0).message());
    }

    @Test
    void aHeaderTitleWithAnEmptyBodyIsAPost() {
        PostText.Parsed p = PostText.parse("---\ntitle: Only a title\n---\n");
        assertEquals(List.of(), p.problems());
        assertEquals("Only a title", p.post().title());
        assertEquals("", p.post().body());
    }
}
