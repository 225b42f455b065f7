package io.atelier.sdk.connector.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.Problem;

class FrontMatterTest {

    private static final List<String> FIELDS = List.of("title", "tags");

    @Test
    void aHeaderGivesItsFieldsAndTheRestIsTheText() {
        FrontMatter read = FrontMatter.read("---\r\nTitle:  Spring menu \n\ntags: bread, cakes\n---\n\nFirst line\n\n"
                + "Second\n\n", FIELDS, "Blog");
        assertEquals(Map.of("title", "Spring menu", "tags", "bread, cakes"), read.header());
        assertEquals(List.of("First line", "", "Second"), read.rest());
        assertEquals(List.of(), read.problems());

        assertEquals("Spring menu", read.title(), "the header's title");
        assertEquals("First line\n\nSecond", read.body(), "all the text is the body");

        FrontMatter untitled = FrontMatter.read("---\ntags: x\n---\n  Opening day  \n\n\nCome early\n", FIELDS, "Blog");
        assertEquals("Opening day", untitled.title(), "the first line, without a title in the header");
        assertEquals("Come early", untitled.body());
        assertEquals("", FrontMatter.read("\n\n", FIELDS, "Blog").title());

        FrontMatter plain = FrontMatter.read("\nJust text\n---\n", FIELDS, "Blog");
        assertEquals(Map.of(), plain.header(), "a header only opens on the first line");
        assertEquals(List.of("Just text", "---"), plain.rest());
    }

    @Test
    void eachWrongLineIsNamedAndTheRestIsStillRead() {
        FrontMatter read = FrontMatter.read("---\ntitle: A\nauthor: me\nnot a field\ntitle: B\n---\nBody", FIELDS,
                "Blog");
        assertEquals(Map.of("title", "A"), read.header());
        assertEquals(List.of("Body"), read.rest());
        assertEquals(List.of(
                new Problem("text", "line 3 of the header names 'author'; a Blog post takes title, tags"),
                new Problem("text", "line 4 of the header is not 'name: value': not a field"),
                new Problem("text", "line 5 of the header gives 'title' a second time")), read.problems());

        FrontMatter open = FrontMatter.read("---\ntitle: A\nBody", FIELDS, "Blog");
        assertEquals(List.of(new Problem("text", "the header opened by '---' on line 1 is never closed: end it with"
                + " a line '---'")), open.problems());
        assertEquals(List.of("---", "title: A", "Body"), open.rest(), "an unclosed header is text");
        assertEquals("x".repeat(40) + "…", FrontMatter.shorten("x".repeat(41)));
    }
}
