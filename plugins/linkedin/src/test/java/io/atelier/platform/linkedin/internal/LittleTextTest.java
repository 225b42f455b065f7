package io.atelier.platform.linkedin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * LinkedIn's little text format: every expected string below is written by hand
 * from the documented rule (each of {@code | { } @ [ ] ( ) < > # \ * _ ~} is
 * plain text only behind a backslash), not computed by the code under test. In
 * the Java literals a {@code \\} is one backslash.
 */
class LittleTextTest {

    @Test
    void parenthesesAndBracketsAreEscaped() {
        assertEquals("Hello \\(world\\) \\[1\\] \\{2\\}", LittleText.escape("Hello (world) [1] {2}"));
    }

    @Test
    void emphasisCharactersAreEscaped() {
        assertEquals("snake\\_case \\*bold\\* \\~tilde\\~", LittleText.escape("snake_case *bold* ~tilde~"));
    }

    @Test
    void aMentionSignAnglesAndPipesAreEscaped() {
        assertEquals("\\@team \\<3 a \\| b \\>", LittleText.escape("@team <3 a | b >"));
    }

    @Test
    void aBackslashIsDoubled() {
        assertEquals("C:\\\\temp \\\\\\(x\\)", LittleText.escape("C:\\temp \\(x)"));
    }

    @Test
    void hashtagsStayWhileOtherHashSignsAreEscaped() {
        // "#launch" starts a word and a letter follows: a hashtag. "#1" (a digit), "C#" (end of a word),
        // "mid#tag" (inside a word) and "# " are plain.
        assertEquals("#launch day \\#1 with C\\# and mid\\#tag \\# #Été",
                LittleText.escape("#launch day #1 with C# and mid#tag # #Été"));
    }

    @Test
    void textWithoutReservedCharactersIsUnchanged() {
        String text = "Café, 3 € & \"quotes\" — 東京 😀 https://example.com/a?b=c";
        assertEquals(text, LittleText.escape(text));
    }

    @Test
    void plainUndoesTheEscapes() {
        assertEquals("Hello (world) C:\\temp #tag #1", LittleText.plain("Hello \\(world\\) C:\\\\temp #tag \\#1"));
        String all = "|{}@[]()<>#\\*_~ and #word";
        assertEquals(all, LittleText.plain(LittleText.escape(all)));
    }
}
