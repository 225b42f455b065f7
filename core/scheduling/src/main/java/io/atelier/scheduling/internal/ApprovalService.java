package io.atelier.scheduling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.PostState;
import io.atelier.scheduling.Approvals;
import io.atelier.scheduling.InvalidInputException;
import io.atelier.scheduling.NotAnApproverException;
import io.atelier.scheduling.Reviews;
import io.atelier.store.ApprovalRepository;
import io.atelier.store.ApprovalRepository.Comment;
import io.atelier.store.ApprovalRepository.Decision;
import io.atelier.store.ApprovalRepository.NewSignoffLink;
import io.atelier.store.ApprovalRepository.SignoffLink;
import io.atelier.store.ApprovalRepository.Step;
import io.atelier.store.ConflictException;
import io.atelier.store.MembershipRepository;
import io.atelier.store.PostRepository;
import io.atelier.store.PostRepository.Query;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.WorkspaceRepository;

/** {@link Approvals} on the store; the rules of a workflow are in {@link Reviews}. */
@Component
public final class ApprovalService implements Approvals {

    static final int MAX_APPROVERS = 50;
    static final int MAX_COMMENT = 4000;
    static final int MAX_NAME = 200;
    private static final int MAX_AWAITING = 500;
    /** What a sign-off link shows of its period. */
    private static final Set<PostState> LINK_STATES = Set.of(PostState.IN_REVIEW, PostState.SCHEDULED,
            PostState.PUBLISHING, PostState.PUBLISHED);

    private final ApprovalRepository approvals;
    private final PostRepository posts;
    private final WorkspaceRepository workspaces;
    private final MembershipRepository members;
    private final Clock clock;

    @Activate
    public ApprovalService(@Reference ApprovalRepository approvals, @Reference PostRepository posts,
            @Reference WorkspaceRepository workspaces, @Reference MembershipRepository members) {
        this(approvals, posts, workspaces, members, Clock.systemUTC());
    }

    ApprovalService(ApprovalRepository approvals, PostRepository posts, WorkspaceRepository workspaces,
            MembershipRepository members, Clock clock) {
        this.approvals = approvals;
        this.posts = posts;
        this.workspaces = workspaces;
        this.members = members;
        this.clock = clock;
    }

    @Override
    public List<Step> workflow(String workspaceId) {
        return approvals.workflow(workspaceId);
    }

    @Override
    public List<Step> setWorkflow(String workspaceId, List<Step> steps) {
        if (workspaces.find(workspaceId).isEmpty()) {
            throw new NoSuchElementException("no workspace " + workspaceId);
        }
        Set<String> memberIds = members.ofWorkspace(workspaceId).stream().map(m -> m.personId())
                .collect(Collectors.toSet());
        List<Problem> problems = new ArrayList<>();
        if (steps.size() > MAX_STEPS) {
            problems.add(new Problem("steps", "a workflow has at most " + MAX_STEPS + " steps"));
        }
        List<Step> numbered = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String field = "steps[" + i + "]";
            Set<String> distinct = new LinkedHashSet<>(step.approvers());
            if (distinct.isEmpty()) {
                problems.add(new Problem(field + ".approvers", "a step needs at least one approver"));
            } else if (distinct.size() > MAX_APPROVERS) {
                problems.add(new Problem(field + ".approvers", "a step has at most " + MAX_APPROVERS
                        + " approvers"));
            }
            int j = 0;
            for (String approver : step.approvers()) {
                if (!memberIds.contains(approver) && !CLIENT.equals(approver)) {
                    problems.add(new Problem(field + ".approvers[" + j + "]", approver
                            + " is not a member of the workspace: add them to the team first (or name "
                            + CLIENT + " for the client's sign-off link)"));
                }
                j++;
            }
            numbered.add(new Step(i + 1, step.mode(), List.copyOf(distinct)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        approvals.setWorkflow(workspaceId, numbered);
        return approvals.workflow(workspaceId);
    }

    @Override
    public Review review(String workspaceId, String postId) {
        StoredPost post = inReview(workspaceId, postId);
        return Reviews.of(approvals.workflow(workspaceId), approvals.approvals(workspaceId, post.id()));
    }

    @Override
    public Decision approve(String workspaceId, String postId, long expectedVersion, String personId,
            String personName, boolean scheduler) {
        return approve(workspaceId, postId, expectedVersion, personId, personName, scheduler, false);
    }

    private Decision approve(String workspaceId, String postId, long expectedVersion, String personId,
            String personName, boolean scheduler, boolean byLink) {
        StoredPost post = inReview(workspaceId, postId);
        List<Step> workflow = approvals.workflow(workspaceId);
        Review review = Reviews.of(workflow, approvals.approvals(workspaceId, post.id()));
        requireApprover(review, personId, scheduler || byLink && workflow.isEmpty(), postId);
        String reason = "approved by " + personName + (review.steps() > 1 ? " (step " + review.step() + " of "
                + review.steps() + ")" : "");
        // Decided again under the post's lock, on the approvals as they are then.
        return approvals.approve(workspaceId, postId, expectedVersion, review.step(), personId, reason,
                given -> Reviews.complete(workflow, given)).orElseThrow(() -> notFound(postId));
    }

    @Override
    public StoredPost reject(String workspaceId, String postId, long expectedVersion, String personId,
            String personName, boolean scheduler, String comment) {
        return reject(workspaceId, postId, expectedVersion, personId, personName, scheduler, false, comment);
    }

    private StoredPost reject(String workspaceId, String postId, long expectedVersion, String personId,
            String personName, boolean scheduler, boolean byLink, String comment) {
        checkComment("comment", comment);
        StoredPost post = inReview(workspaceId, postId);
        List<Step> workflow = approvals.workflow(workspaceId);
        Review review = Reviews.of(workflow, approvals.approvals(workspaceId, post.id()));
        requireApprover(review, personId, scheduler || byLink && workflow.isEmpty(), postId);
        return approvals.reject(workspaceId, postId, expectedVersion, personId, personName, comment.strip())
                .orElseThrow(() -> notFound(postId));
    }

    @Override
    public Comment comment(String workspaceId, String postId, String author, String authorName, String text) {
        checkComment("text", text);
        return approvals.comment(workspaceId, postId, author, authorName, text.strip())
                .orElseThrow(() -> notFound(postId));
    }

    @Override
    public List<Comment> comments(String workspaceId, String postId) {
        return approvals.comments(workspaceId, postId);
    }

    @Override
    public List<StoredPost> awaiting(String personId, Set<String> workspaceIds, Set<String> schedulerIn) {
        if (workspaceIds.isEmpty()) {
            return List.of();
        }
        List<StoredPost> waiting = new ArrayList<>();
        for (StoredPost post : posts.list(new Query(workspaceIds, null, null, Set.of(PostState.IN_REVIEW), null,
                MAX_AWAITING))) {
            Review review = Reviews.of(approvals.workflow(post.workspaceId()),
                    approvals.approvals(post.workspaceId(), post.id()));
            if (review.waitsFor(personId, schedulerIn.contains(post.workspaceId()))) {
                waiting.add(post);
            }
        }
        return List.copyOf(waiting);
    }

    private StoredPost inReview(String workspaceId, String postId) {
        StoredPost post = posts.find(workspaceId, postId).orElseThrow(() -> notFound(postId));
        if (post.state() != PostState.IN_REVIEW) {
            throw new ConflictException("post " + postId + " is " + post.state().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + ", not in review: there is nothing to approve or reject");
        }
        return post;
    }

    private static void requireApprover(Review review, String personId, boolean scheduler, String postId) {
        if (!review.mayDecide(personId, scheduler)) {
            throw new NotAnApproverException(review.approvers().isEmpty()
                    ? "post " + postId + " needs the approval of someone who may schedule posts"
                    : "post " + postId + " waits at step " + review.step() + " of " + review.steps()
                            + ", whose approvers are " + String.join(", ", review.approvers()));
        }
    }

    private static void checkComment(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "write a few words: they go back to the post's author");
        }
        if (text.strip().length() > MAX_COMMENT) {
            throw new InvalidInputException(field, "a comment has at most " + MAX_COMMENT + " characters");
        }
    }

    private static NoSuchElementException notFound(String postId) {
        return new NoSuchElementException("no post " + postId);
    }

    // --- sign-off links

    @Override
    public NewSignoffLink createLink(String workspaceId, String clientName, Instant from, Instant to,
            Instant expiresAt, String createdBy) {
        List<Problem> problems = new ArrayList<>();
        if (clientName == null || clientName.isBlank() || clientName.strip().length() > MAX_NAME) {
            problems.add(new Problem("clientName", "give the client's name, at most " + MAX_NAME + " characters:"
                    + " it is shown on the page and with their comments"));
        }
        if (from == null || to == null || !from.isBefore(to)) {
            problems.add(new Problem("to", "the period needs a start (from) before its end (to)"));
        } else if (Duration.between(from, to).compareTo(MAX_LINK_PERIOD) > 0) {
            problems.add(new Problem("to", "a link shows at most " + MAX_LINK_PERIOD.toDays() + " days of posts"));
        }
        Instant now = clock.instant();
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            problems.add(new Problem("expiresAt", "a link must expire in the future"));
        } else if (Duration.between(now, expiresAt).compareTo(MAX_LINK_PERIOD) > 0) {
            problems.add(new Problem("expiresAt", "a link is valid for at most " + MAX_LINK_PERIOD.toDays()
                    + " days"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return approvals.createLink(workspaceId, clientName.strip(), from, to, expiresAt, createdBy);
    }

    @Override
    public List<SignoffLink> links(String workspaceId) {
        return approvals.links(workspaceId);
    }

    @Override
    public boolean revokeLink(String workspaceId, String linkId) {
        return approvals.revokeLink(workspaceId, linkId);
    }

    @Override
    public Optional<SignoffLink> openLink(String secret) {
        return approvals.linkOfSecret(secret).filter(link -> link.opensAt(clock.instant()));
    }

    @Override
    public List<StoredPost> linkPosts(SignoffLink link) {
        return posts.list(new Query(Set.of(link.workspaceId()), link.from(), link.to(), LINK_STATES, null,
                MAX_AWAITING));
    }

    @Override
    public Decision approveByLink(SignoffLink link, String postId) {
        shownBy(link, postId);
        return approve(link.workspaceId(), postId, -1, CLIENT, clientName(link), false, true);
    }

    @Override
    public StoredPost rejectByLink(SignoffLink link, String postId, String comment) {
        shownBy(link, postId);
        return reject(link.workspaceId(), postId, -1, CLIENT, clientName(link), false, true, comment);
    }

    @Override
    public Comment commentByLink(SignoffLink link, String postId, String text) {
        shownBy(link, postId);
        return comment(link.workspaceId(), postId, CLIENT, clientName(link), text);
    }

    /** Refuses a post the link does not show, as if it did not exist: a link reveals nothing else. */
    private void shownBy(SignoffLink link, String postId) {
        StoredPost post = posts.find(link.workspaceId(), postId).orElseThrow(() -> notFound(postId));
        if (post.at() == null || post.at().isBefore(link.from()) || !post.at().isBefore(link.to())
                || !LINK_STATES.contains(post.state())) {
            throw notFound(postId);
        }
    }

    private static String clientName(SignoffLink link) {
        return link.clientName() + " (sign-off link)";
    }
}
