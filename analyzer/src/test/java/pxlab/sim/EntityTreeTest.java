package pxlab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EntityTreeTest {

    private static final Comparator<SchedEntity> ORDER = (a, b) -> a == b ? 0 : a.before(b) ? -1 : 1;

    private static SchedEntity entity(int seq, long deadline, long vruntime) {
        SchedEntity se = new SchedEntity(null, null, seq);
        se.deadline = deadline;
        se.vruntime = vruntime;
        return se;
    }

    @Test
    void emptyTree() {
        EntityTree tree = new EntityTree();
        assertTrue(tree.isEmpty());
        assertEquals(0, tree.size());
        assertNull(tree.first());
        assertNull(tree.pickEligible(v -> true));
        assertEquals(Long.MAX_VALUE, tree.minVruntime());
        tree.forEach(se -> {
            throw new AssertionError("visited " + se);
        });
        tree.checkInvariants();
    }

    @Test
    void picksEarliestDeadlineAmongEligible() {
        EntityTree tree = new EntityTree();
        SchedEntity a = entity(0, 100, 50);
        SchedEntity b = entity(1, 200, 10);
        SchedEntity c = entity(2, 300, 30);
        SchedEntity d = entity(3, 150, 40);
        for (SchedEntity se : List.of(a, b, c, d)) tree.insert(se);
        tree.checkInvariants();
        assertSame(a, tree.first());
        assertEquals(10, tree.minVruntime());
        assertSame(a, tree.pickEligible(v -> v <= 50));
        assertSame(d, tree.pickEligible(v -> v <= 45));
        assertSame(b, tree.pickEligible(v -> v <= 35));
        assertSame(b, tree.pickEligible(v -> v <= 10));
        assertNull(tree.pickEligible(v -> v < 10));
    }

    @Test
    void equalDeadlinesOrderBySeq() {
        EntityTree tree = new EntityTree();
        SchedEntity late = entity(7, 100, 0);
        SchedEntity early = entity(3, 100, 0);
        tree.insert(late);
        tree.insert(early);
        assertSame(early, tree.first());
        List<SchedEntity> order = new ArrayList<>();
        tree.forEach(order::add);
        assertEquals(List.of(early, late), order);
    }

    @Test
    void removeClearsLinksAndAllowsReinsert() {
        EntityTree tree = new EntityTree();
        List<SchedEntity> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SchedEntity se = entity(i, 1000 - i * 7L, i * 3L);
            all.add(se);
            tree.insert(se);
        }
        SchedEntity victim = tree.first();
        tree.remove(victim);
        tree.checkInvariants();
        assertEquals(19, tree.size());
        assertNull(victim.left);
        assertNull(victim.right);
        assertEquals(0, victim.height);
        victim.deadline = 5000;
        tree.insert(victim);
        tree.checkInvariants();
        assertEquals(20, tree.size());
        assertThrows(IllegalStateException.class, () -> tree.insert(all.get(0)));
        SchedEntity stranger = entity(99, 1, 1);
        assertThrows(IllegalStateException.class, () -> tree.remove(stranger));
        assertEquals(20, tree.size());
        tree.checkInvariants();
    }

    @Test
    void staysBalancedOnSortedInsertion() {
        EntityTree tree = new EntityTree();
        SchedEntity[] all = new SchedEntity[1 << 12];
        for (int i = 0; i < all.length; i++) {
            all[i] = entity(i, i, -i);
            tree.insert(all[i]);
        }
        tree.checkInvariants();
        int[] maxDepth = {0};
        tree.forEach(se -> maxDepth[0] = Math.max(maxDepth[0], se.height));
        assertTrue(maxDepth[0] <= 1.45 * 13, "height " + maxDepth[0]);
        assertSame(all[0], tree.first());
        assertEquals(-(all.length - 1), tree.minVruntime());
        for (int i = 0; i < all.length; i += 2) tree.remove(all[i]);
        tree.checkInvariants();
        assertSame(all[1], tree.first());
        assertSame(all[101], tree.pickEligible(v -> v <= -101));
    }

    @Property(tries = 300)
    void matchesBruteForce(@ForAll long randomSeed, @ForAll @IntRange(min = 1, max = 300) int steps,
                           @ForAll @IntRange(min = 1, max = 1000) int keyRange) {
        Random random = new Random(randomSeed);
        EntityTree tree = new EntityTree();
        List<SchedEntity> model = new ArrayList<>();
        List<SchedEntity> outside = new ArrayList<>();
        int nextSeq = 0;
        for (int step = 0; step < steps; step++) {
            int op = random.nextInt(3);
            if (op == 0 || model.isEmpty()) {
                SchedEntity se = !outside.isEmpty() && random.nextBoolean()
                        ? outside.remove(random.nextInt(outside.size()))
                        : entity(nextSeq++, 0, 0);
                se.deadline = random.nextInt(keyRange);
                se.vruntime = random.nextInt(keyRange) - keyRange / 2;
                tree.insert(se);
                model.add(se);
            } else if (op == 1) {
                SchedEntity se = model.remove(random.nextInt(model.size()));
                tree.remove(se);
                outside.add(se);
            } else {
                SchedEntity se = model.get(random.nextInt(model.size()));
                tree.remove(se);
                se.deadline += random.nextInt(keyRange) - keyRange / 4;
                se.vruntime += random.nextInt(keyRange) - keyRange / 4;
                tree.insert(se);
            }
            verify(tree, model, random, keyRange);
        }
        while (!model.isEmpty()) {
            tree.remove(model.remove(random.nextInt(model.size())));
            verify(tree, model, random, keyRange);
        }
    }

    private static void verify(EntityTree tree, List<SchedEntity> model, Random random, int keyRange) {
        tree.checkInvariants();
        List<SchedEntity> sorted = new ArrayList<>(model);
        sorted.sort(ORDER);
        assertEquals(model.size(), tree.size());
        assertEquals(model.isEmpty(), tree.isEmpty());
        assertSame(sorted.isEmpty() ? null : sorted.get(0), tree.first());
        long min = Long.MAX_VALUE;
        for (SchedEntity se : model) min = Math.min(min, se.vruntime);
        assertEquals(min, tree.minVruntime());
        List<SchedEntity> visited = new ArrayList<>();
        tree.forEach(visited::add);
        assertEquals(sorted, visited);
        long[] thresholds = {Long.MIN_VALUE, Long.MAX_VALUE, min, min - 1,
                random.nextInt(2 * keyRange) - keyRange, random.nextInt(2 * keyRange) - keyRange};
        for (long threshold : thresholds) {
            SchedEntity expected = null;
            for (SchedEntity se : sorted) {
                if (se.vruntime <= threshold) {
                    expected = se;
                    break;
                }
            }
            assertSame(expected, tree.pickEligible(v -> v <= threshold), "threshold " + threshold);
        }
    }
}
