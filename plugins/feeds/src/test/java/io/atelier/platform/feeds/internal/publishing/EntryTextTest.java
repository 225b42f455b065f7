package io.atelier.platform.feeds.internal.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Cleaning, thread parts as paragraphs, and titles cut from the first line. */
class EntryTextTest {

    @Test
    void controlsGoLineEndsBecomeLineFeeds() {
        assertEquals("a\tb\nc\nd\ne\nf", EntryText.clean("a\tb\r\nc\rd\u2028e\u2029f"));
        assertEquals("xy", EntryText.clean("x\u0000\u0001\u001f\u007f\u0080\u009fy"));
        assertEquals("ab", EntryText.clean("a\ud800b"), "a lone high surrogate");
        assertEquals("ab", EntryText.clean("a\udc00b"), "a lone low surrogate");
        assertEquals("a\ud83d\ude00b", EntryText.clean("a\ud83d\ude00b"), "an emoji stays");
        assertEquals("<&>\"'", EntryText.clean("<&>\"'\ufffe\uffff"));
    }

    @Test
    void threadPartsFollowAsParagraphs() {
        assertEquals("First part.\n\nSecond part.\n\nThird.",
                EntryText.content("  First part.\n", List.of("Second part.\r\n", "   ", "Third.")));
    }

    @Test
    void theTitleIsTheFirstLineShortened() {
        assertEquals("Big news", EntryText.title("\n  \nBig   news\nmore", "fallback"));
        assertEquals("fallback", EntryText.title(" \n\t", "fallback"));
        String words = "word ".repeat(30).strip(); // 149 characters
        String title = EntryText.title(words, "x");
        assertEquals("word word word word word word word word word word word word word word word word…", title);
        String noSpaces = "\ud83d\ude00".repeat(100);
        String cut = EntryText.title(noSpaces, "x");
        assertEquals(EntryText.TITLE_LENGTH, cut.codePointCount(0, cut.length()));
        assertEquals("\ud83d\ude00".repeat(79) + "…", cut, "never half an emoji");
    }
}
