package io.atelier.scheduling.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.atelier.store.PostRepository.Slot;

/**
 * Finds the next free queue slot. A queue is a set of weekly slots (Monday 09:00,
 * Thursday 17:30) on the workspace's wall-clock time, so a 09:00 slot stays at 09:00
 * local across daylight-saving changes.
 *
 * <p>On the night clocks go forward, a slot inside the skipped hour moves forward by
 * the gap's length (02:30 becomes 03:30 in Paris), as {@link PlanTime#atWallClock}
 * does; on the night clocks go back, a slot inside the repeated hour is offered once,
 * at its first passing (the offset before the change), never twice.
 */
final class QueueSlots {

    private QueueSlots() {
    }

    /**
     * The earliest slot instant strictly after {@code after} and strictly before
     * {@code horizon} that is not in {@code taken}; empty when there are no slots or
     * all are taken up to the horizon. Callers add any margin to {@code after}
     * themselves.
     *
     * @param taken instants already used by other posts on the same accounts
     */
    static Optional<Instant> next(List<Slot> slots, ZoneId zone, Instant after, Instant horizon, Set<Instant> taken) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(horizon, "horizon");
        if (slots.isEmpty() || !after.isBefore(horizon)) {
            return Optional.empty();
        }
        List<Slot> sorted = List.copyOf(new TreeSet<>(slots));
        // A day earlier than after's date and a day past the horizon's: a slot shifted by a
        // gap can land on an instant its own date does not suggest, and this costs two days.
        LocalDate day = LocalDate.ofInstant(after, zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(horizon, zone).plusDays(1);
        Instant best = null;
        LocalDate bestDay = null;
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (bestDay != null && day.isAfter(bestDay.plusDays(1))) {
                break;
            }
            for (Slot slot : sorted) {
                if (slot.day() != day.getDayOfWeek()) {
                    continue;
                }
                Instant candidate = PlanTime.atWallClock(LocalDateTime.of(day, slot.time()), zone);
                // Not simply the first found: a slot moved forward by a gap can pass a later slot of the same day.
                if (candidate.isAfter(after) && candidate.isBefore(horizon) && !taken.contains(candidate)
                        && (best == null || candidate.isBefore(best))) {
                    best = candidate;
                    bestDay = day;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The slots every account has, sorted; empty when there is no account or nothing in common. */
    static List<Slot> common(List<List<Slot>> perAccount) {
        if (perAccount.isEmpty()) {
            return List.of();
        }
        TreeSet<Slot> common = new TreeSet<>(perAccount.get(0));
        for (List<Slot> slots : perAccount.subList(1, perAccount.size())) {
            common.retainAll(Set.copyOf(slots));
        }
        return List.copyOf(common);
    }
}
