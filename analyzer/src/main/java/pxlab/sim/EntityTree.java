package pxlab.sim;

import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * A run queue's tree of waiting entities: mirrors the augmented rb-tree of {@code kernel/sched/fair.c} (6.8 and later),
 * as filled by {@code __enqueue_entity()}, searched by {@code __pick_eevdf()} and kept up by
 * {@code min_vruntime_update()}.
 *
 * <p>Entities are ordered by virtual deadline, ties broken by {@link SchedEntity#seq} (see
 * {@link SchedEntity#before(SchedEntity)}), and every node carries the least {@code vruntime} of its subtree in
 * {@link SchedEntity#minVruntime}, so the earliest-deadline eligible entity is found in one descent. The leftmost
 * entity is cached, like {@code rb_root_cached}.
 *
 * <p>The tree is intrusive: its links live in the entities ({@code left}, {@code right}, {@code height},
 * {@code minVruntime}), so no operation allocates. It is an AVL tree rather than a red-black tree; the shape differs,
 * but the order and the augmentation do not, so every query answers exactly as the kernel's would. It is not
 * thread-safe.
 *
 * <p><b>Note</b>: {@code vruntime} values are compared with plain {@code <}, not with the kernel's wrap-safe
 * {@code (s64)(a - b) < 0}; they must not wrap around.
 */
final class EntityTree {

    private SchedEntity root;
    private SchedEntity leftmost;
    private int size;

    /**
     * Adds an entity to this tree, as {@code __enqueue_entity()} does.
     *
     * <p><b>Note</b>: the entity's {@code deadline}, {@code seq} and {@code vruntime} must not change while it is in
     * the tree; to change them, {@link #remove(SchedEntity) remove} it, edit it and insert it again.
     *
     * @param se The entity to add, which must not be in any tree.
     * @throws IllegalStateException If the entity is already in a tree.
     */
    void insert(SchedEntity se) {
        if (se.height != 0) throw new IllegalStateException("already in a tree: " + se);
        se.left = null;
        se.right = null;
        se.height = 1;
        se.minVruntime = se.vruntime;
        root = insert(root, se);
        if (leftmost == null || se.before(leftmost)) leftmost = se;
        size++;
    }

    private static SchedEntity insert(SchedEntity node, SchedEntity se) {
        if (node == null) return se;
        if (se.before(node)) node.left = insert(node.left, se);
        else node.right = insert(node.right, se);
        return rebalance(node);
    }

    /**
     * Removes an entity from this tree, as {@code __dequeue_entity()} does, and clears its links.
     *
     * @param se The entity to remove, which must be in this tree.
     * @throws IllegalStateException If the entity is not in this tree; the tree is then left unchanged.
     */
    void remove(SchedEntity se) {
        root = remove(root, se);
        if (se == leftmost) leftmost = leftmostOf(root);
        se.left = null;
        se.right = null;
        se.height = 0;
        se.minVruntime = 0;
        size--;
    }

    private static SchedEntity remove(SchedEntity node, SchedEntity se) {
        if (node == null) throw new IllegalStateException("not in this tree: " + se);
        if (node != se) {
            if (se.before(node)) node.left = remove(node.left, se);
            else node.right = remove(node.right, se);
            return rebalance(node);
        }
        SchedEntity left = node.left, right = node.right;
        if (left == null) return right;
        if (right == null) return left;
        SchedEntity successor = leftmostOf(right);
        successor.right = removeLeftmost(right);
        successor.left = left;
        return rebalance(successor);
    }

    private static SchedEntity removeLeftmost(SchedEntity node) {
        if (node.left == null) return node.right;
        node.left = removeLeftmost(node.left);
        return rebalance(node);
    }

    private static SchedEntity leftmostOf(SchedEntity node) {
        if (node == null) return null;
        while (node.left != null) node = node.left;
        return node;
    }

    /**
     * Returns the entity with the earliest deadline, as {@code __pick_first_entity()} does, in constant time.
     *
     * @return The leftmost entity, or {@code null} if this tree is empty.
     */
    SchedEntity first() {
        return leftmost;
    }

    /**
     * Returns the eligible entity with the earliest deadline, as the heap search of {@code __pick_eevdf()} does, in
     * logarithmic time.
     *
     * <p>Descends from the root: into the left subtree if its least {@code vruntime} is eligible, since all of it
     * comes first; else takes the node itself if eligible; else goes right.
     *
     * <p><b>Note</b>: the predicate must be monotone: if it accepts a {@code vruntime}, it accepts every smaller one,
     * as {@code vruntime_eligible()} does. Otherwise the result is undefined.
     *
     * @param eligible Tests whether an entity with the given {@code vruntime} is eligible.
     * @return The earliest-deadline eligible entity, or {@code null} if there is none.
     */
    SchedEntity pickEligible(LongPredicate eligible) {
        if (leftmost != null && eligible.test(leftmost.vruntime)) return leftmost;
        SchedEntity node = root;
        while (node != null) {
            SchedEntity left = node.left;
            if (left != null && eligible.test(left.minVruntime)) node = left;
            else if (eligible.test(node.vruntime)) return node;
            else node = node.right;
        }
        return null;
    }

    /**
     * Returns the least {@code vruntime} of the entities in this tree, read off the root's augmentation.
     *
     * @return The least {@code vruntime}, or {@link Long#MAX_VALUE} if this tree is empty.
     */
    long minVruntime() {
        return root == null ? Long.MAX_VALUE : root.minVruntime;
    }

    /**
     * Returns the number of entities in this tree.
     *
     * @return The number of entities.
     */
    int size() {
        return size;
    }

    /**
     * Returns whether this tree holds no entity.
     *
     * @return {@code true} if this tree is empty.
     */
    boolean isEmpty() {
        return root == null;
    }

    /**
     * Applies an action to every entity, in tree order: earliest deadline first.
     *
     * <p><b>Note</b>: the action must not insert into or remove from this tree, nor change any entity's key fields.
     *
     * @param action The action to apply.
     */
    void forEach(Consumer<SchedEntity> action) {
        forEach(root, action);
    }

    private static void forEach(SchedEntity node, Consumer<SchedEntity> action) {
        while (node != null) {
            forEach(node.left, action);
            action.accept(node);
            node = node.right;
        }
    }

    /**
     * Checks the order, balance, height, augmentation, size and leftmost cache of this tree; for tests.
     *
     * @throws IllegalStateException If an invariant does not hold.
     */
    void checkInvariants() {
        int[] count = new int[1];
        check(root, null, null, count);
        if (count[0] != size) throw new IllegalStateException("size " + size + " but " + count[0] + " nodes");
        if (leftmost != leftmostOf(root)) throw new IllegalStateException("stale leftmost " + leftmost);
    }

    private static int check(SchedEntity node, SchedEntity low, SchedEntity high, int[] count) {
        if (node == null) return 0;
        count[0]++;
        if (low != null && !low.before(node) || high != null && !node.before(high)) {
            throw new IllegalStateException("out of order: " + node);
        }
        int hl = check(node.left, low, node, count);
        int hr = check(node.right, node, high, count);
        if (Math.abs(hl - hr) > 1) throw new IllegalStateException("unbalanced at " + node);
        if (node.height != 1 + Math.max(hl, hr)) throw new IllegalStateException("bad height at " + node);
        long min = Math.min(node.vruntime, Math.min(minOf(node.left), minOf(node.right)));
        if (node.minVruntime != min) throw new IllegalStateException("bad minVruntime at " + node);
        return node.height;
    }

    private static int heightOf(SchedEntity node) {
        return node == null ? 0 : node.height;
    }

    private static long minOf(SchedEntity node) {
        return node == null ? Long.MAX_VALUE : node.minVruntime;
    }

    /** Recomputes a node's height and {@code minVruntime} from its children, as {@code min_vruntime_update()} does. */
    private static void update(SchedEntity node) {
        node.height = 1 + Math.max(heightOf(node.left), heightOf(node.right));
        node.minVruntime = Math.min(node.vruntime, Math.min(minOf(node.left), minOf(node.right)));
    }

    /** Updates a node whose subtrees are balanced and differ in height by at most two; returns the subtree's new root. */
    private static SchedEntity rebalance(SchedEntity node) {
        int balance = heightOf(node.left) - heightOf(node.right);
        if (balance > 1) {
            if (heightOf(node.left.right) > heightOf(node.left.left)) node.left = rotateLeft(node.left);
            return rotateRight(node);
        }
        if (balance < -1) {
            if (heightOf(node.right.left) > heightOf(node.right.right)) node.right = rotateRight(node.right);
            return rotateLeft(node);
        }
        update(node);
        return node;
    }

    private static SchedEntity rotateLeft(SchedEntity node) {
        SchedEntity pivot = node.right;
        node.right = pivot.left;
        pivot.left = node;
        update(node);
        update(pivot);
        return pivot;
    }

    private static SchedEntity rotateRight(SchedEntity node) {
        SchedEntity pivot = node.left;
        node.left = pivot.right;
        pivot.right = node;
        update(node);
        update(pivot);
        return pivot;
    }
}
