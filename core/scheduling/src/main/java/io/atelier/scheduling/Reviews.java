package io.atelier.scheduling;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.atelier.scheduling.Approvals.Review;
import io.atelier.store.ApprovalRepository.Approval;
import io.atelier.store.ApprovalRepository.Mode;
import io.atelier.store.ApprovalRepository.Step;

/**
 * The rules of a workflow, on plain data: which step a post (or an inbox answer) waits
 * at and whether its approvals pass every step (who may decide is
 * {@link Review#mayDecide}). Without a workflow there is one step, passed by one
 * approval from anyone who may schedule posts (or send answers). The console
 * ({@link Approvals#SYSTEM}) may decide at any step, and its approval passes it.
 */
public final class Reviews {

    private Reviews() {
    }

    /** Where something with these approvals stands; past the last step when every step is passed. */
    public static Review of(List<Step> workflow, List<Approval> given) {
        if (workflow.isEmpty()) {
            return new Review(1, 1, Mode.ANY, List.of(), approvedAt(given, 1));
        }
        for (Step step : workflow) {
            if (!passed(step, given)) {
                return new Review(step.number(), workflow.size(), step.mode(), step.approvers(),
                        approvedAt(given, step.number()));
            }
        }
        Step last = workflow.get(workflow.size() - 1);
        return new Review(workflow.size() + 1, workflow.size(), last.mode(), List.of(), List.of());
    }

    /** Whether these approvals pass every step. */
    public static boolean complete(List<Step> workflow, List<Approval> given) {
        if (workflow.isEmpty()) {
            return given.stream().anyMatch(a -> a.step() == 1);
        }
        return workflow.stream().allMatch(step -> passed(step, given));
    }

    /** Who approved the step. */
    private static List<String> approvedAt(List<Approval> given, int step) {
        return given.stream().filter(a -> a.step() == step).map(Approval::personId).toList();
    }

    private static boolean passed(Step step, List<Approval> given) {
        Set<String> approvedBy = new HashSet<>(approvedAt(given, step.number()));
        if (approvedBy.contains(Approvals.SYSTEM)) {
            return true;
        }
        approvedBy.retainAll(step.approvers());
        return step.mode() == Mode.ANY ? !approvedBy.isEmpty() : approvedBy.containsAll(step.approvers());
    }
}
