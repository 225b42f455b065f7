package io.atelier.monitoring.internal.query;

/**
 * A query compiled against one index: terms and prefixes are ids of that index's
 * vocabulary, checked against what {@link MatchState} saw in a mention. AND and OR
 * stop at the first clause that decides.
 */
interface Clause {

    boolean matches(MatchState state);

    /** The mention has the term, or a word starting with the prefix, whose id this is. */
    record Seen(int id) implements Clause {
        @Override
        public boolean matches(MatchState state) {
            return state.saw(id);
        }
    }

    /** The terms at consecutive positions. */
    record Phrase(int[] ids) implements Clause {
        @Override
        public boolean matches(MatchState state) {
            for (int id : ids) {
                if (!state.saw(id)) {
                    return false;
                }
            }
            return state.hasSequence(ids);
        }
    }

    /** The field has the value. */
    record Filter(Field field, String value) implements Clause {
        @Override
        public boolean matches(MatchState state) {
            return value.equals(state.field(field));
        }
    }

    record And(Clause[] clauses) implements Clause {
        @Override
        public boolean matches(MatchState state) {
            for (Clause clause : clauses) {
                if (!clause.matches(state)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(Clause[] clauses) implements Clause {
        @Override
        public boolean matches(MatchState state) {
            for (Clause clause : clauses) {
                if (clause.matches(state)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Clause clause) implements Clause {
        @Override
        public boolean matches(MatchState state) {
            return !clause.matches(state);
        }
    }
}
