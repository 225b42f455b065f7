package io.atelier.enrich.language.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfusionTest {

    @Test
    void figuresFromAWorkedExample() {
        // expected a: 3 (2 right, 1 taken for b); expected b: 2 (1 right, 1 taken for a); expected c: 1 (right)
        Confusion c = new Confusion(List.of("a", "b", "c"));
        c.add("a", "a");
        c.add("a", "a");
        c.add("a", "b");
        c.add("b", "b");
        c.add("b", "a");
        c.add("c", "c");
        assertEquals(6, c.total());
        assertEquals(4.0 / 6, c.accuracy(), 1e-12);
        assertEquals(2.0 / 3, c.precision("a"), 1e-12); // 2 of the 3 found "a"
        assertEquals(2.0 / 3, c.recall("a"), 1e-12);
        assertEquals(0.5, c.precision("b"), 1e-12);
        assertEquals(0.5, c.recall("b"), 1e-12);
        assertEquals(1.0, c.f1("c"), 1e-12);
        assertEquals((2.0 / 3 + 0.5 + 1.0) / 3, c.macroF1(), 1e-12);
        assertEquals(1, c.count("b", "a"));
    }

    @Test
    void aLabelThatNeverOccursDoesNotCountInMacroF1() {
        Confusion c = new Confusion(List.of("a", "b"));
        c.add("a", "a");
        assertEquals(1.0, c.macroF1(), 1e-12);
    }

    @Test
    void anUnknownLabelIsRefusedByName() {
        Confusion c = new Confusion(List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.add("a", "z"));
        assertEquals("label 'z' is not one of [a, b]", e.getMessage());
    }
}
